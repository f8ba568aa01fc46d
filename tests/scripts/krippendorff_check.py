#!/usr/bin/env python3
"""Independent reference for Stance's Krippendorff's alpha (nominal).

Reads a JSON list of reliability matrices (coders x units, null for a missing value) from the
file named on the command line and prints one alpha per matrix, using the `krippendorff`
package. Run by the ignored test `agreement_reference` (see README, "Agreement").
"""
import json
import sys

import krippendorff
import numpy as np


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        matrices = json.load(f)
    for matrix in matrices:
        data = np.array(
            [[np.nan if v is None else float(v) for v in row] for row in matrix]
        )
        try:
            alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        except ValueError:
            # Undefined: a single value in the whole matrix.
            alpha = float("nan")
        print(repr(float(alpha)))


if __name__ == "__main__":
    main()
