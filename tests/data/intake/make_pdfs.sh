#!/bin/sh
# Makes the PDFs of the intake tests from the PostScript beside this script with Ghostscript
# (pdfwrite, as ps2pdf does). Run from this folder; the PDFs are committed, so the tests need
# no Ghostscript.
set -e
gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -dCompatibilityLevel=1.5 \
   -sOutputFile=report.pdf report.ps
gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -sOutputFile=scan.pdf scan.ps
gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -dEncryptionR=3 -dKeyLength=128 \
   -sOwnerPassword=owner -sUserPassword=secret -sOutputFile=locked.pdf report.ps
