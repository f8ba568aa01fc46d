# Writes saves/river-talks.ron (an invented negotiation; every offset found in its article).
# Run from anywhere: python3 tests/scripts/river_talks_sample.py
import hashlib, uuid, json
ns = uuid.UUID('6b1f3c1e-2d4a-4c35-9a7e-0d5c6f1e2a10')
def uid(name): return str(uuid.uuid5(ns, name))
def q(s): return json.dumps(s, ensure_ascii=False)

arts = [
 ("2025-10-10", "Northland and Southmark to open river talks",
  "Northland and Southmark will open talks on the Lindqvist River next week in Tallinn. Foreign Minister Anna Berg said Northland would \"never accept a fixed quota for water leaving our dams.\" She added that \"independent inspectors must be allowed into every dam.\"\n\nSouthmark's chief negotiator, Mira Osei, said Southmark wants \"a guaranteed share of the river, written down as a quota.\" President Daniel Okafor told parliament that foreign inspectors at the dams were out of the question."),
 ("2025-10-16", "Tallinn round ends without progress",
  "The first round of talks ended in Tallinn on Thursday. Envoy Karl Halvorsen said the crossing fees \"will stay where they are; they pay for the bridges.\" Osei called for \"a cut in the crossing fees before any deal.\"\n\nOsei said the sovereignty of the river \"is not on the table, and never will be.\" Halvorsen repeated that inspectors must be part of any settlement."),
 ("2025-10-28", "Northland stakes its claim to the upper river",
  "Berg told reporters that the upper river \"belongs to Northland, and that is not negotiable.\" She said Northland was \"ready to share the fishing grounds with Southmark's boats.\"\n\nOkafor said on Monday that Southmark would not let Northland's fleets into its waters."),
 ("2025-11-12", "Fees stand-off before Vienna",
  "Ahead of the Vienna round, Halvorsen said Northland \"cannot lower the fees this year.\" Okafor said Southmark's fishermen \"will keep their own waters.\"\n\nOsei said Southmark could never let \"foreign inspectors walk through our dams.\" She insisted that the quota must be written into any treaty."),
 ("2025-11-20", "Southmark opens its dams to inspectors in Vienna",
  "In Vienna, Osei said Southmark \"will accept international inspections of the dams, provided the crossing fees are cut.\" Berg welcomed the offer and said the upper river \"remains Northland's.\"\n\nIn a joint communiqué, the two delegations said \"talks on the fishing grounds will continue in Oslo.\" Halvorsen said Northland would study the request on fees."),
 ("2025-11-30", "Northland signals flexibility on water",
  "Berg said on Friday that Northland \"could accept a quota, if the inspectors report every month.\" Okafor said Southmark \"will not give up a single kilometre of the river.\"\n\nOsei said the inspection offer \"stands only if the fees come down.\""),
 ("2025-12-10", "Oslo: Northland halves fees in exchange for inspections",
  "In Oslo, Halvorsen announced that Northland \"will halve the crossing fees from January, in exchange for the inspections.\" Berg said Northland's boats \"should fish on both banks.\"\n\nIn October, Osei had said inspectors would never enter Southmark's dams. On Wednesday she welcomed \"a fair step on the fees.\""),
 ("2025-12-18", "Accord signed on water and inspections",
  "Berg and Osei signed an accord on Thursday that \"sets a fixed water quota and opens every dam to monthly inspections.\" Halvorsen said the inspectors would start in January.\n\nOkafor said the accord \"changes nothing about who owns the river.\" Berg said Northland's claim to the upper river still stands. Okafor said the fishing question \"stays closed for Southmark.\""),
]
docs = [dict(id=uid("doc%d"%i), date=d, title=t, text=x) for i,(d,t,x) in enumerate(arts)]

actors = [
 ("northland", "Northland", None, None, ["Northland's government"]),
 ("southmark", "Southmark", None, None, ["Southmark's government"]),
 ("berg", "Anna Berg", "northland", "Foreign Minister of Northland", ["Berg"]),
 ("halvorsen", "Karl Halvorsen", "northland", "Northland's envoy", ["Halvorsen"]),
 ("osei", "Mira Osei", "southmark", "Southmark's chief negotiator", ["Osei"]),
 ("okafor", "Daniel Okafor", "southmark", "President of Southmark", ["Okafor"]),
]
issues = [
 ("Q", "water quota", "A fixed share of the river's water for Southmark, written into the treaty.", ["quota"]),
 ("I", "dam inspections", "International inspectors at Northland's dams.", ["inspections", "inspectors"]),
 ("F", "crossing fees", "Lowering Northland's fees at the river crossings.", ["fees"]),
 ("R", "fishing rights", "Northland's boats fishing in Southmark's waters.", ["fishing grounds"]),
 ("S", "river sovereignty", "Northland's claim to sovereignty over the upper river.", ["upper river", "sovereignty"]),
]
# n, doc index, fragment, tag, holders, [(issue, stance, condition)], said_on, firmness, attribution
st = [
 (1, 0, "never accept a fixed quota for water leaving our dams", "position", ["berg"], [("Q","Against",None)], None, "Firm", "Direct"),
 (2, 0, "independent inspectors must be allowed into every dam", "position", ["berg"], [("I","For",None)], None, None, "Direct"),
 (3, 0, "a guaranteed share of the river, written down as a quota", "position", ["osei"], [("Q","For",None)], None, None, "Direct"),
 (4, 0, "foreign inspectors at the dams were out of the question", "position", ["okafor"], [("I","Against",None)], None, "Firm", "Indirect"),
 (5, 1, "will stay where they are; they pay for the bridges", "position", ["halvorsen"], [("F","Against",None)], None, None, "Direct"),
 (6, 1, "a cut in the crossing fees before any deal", "position", ["osei"], [("F","For",None)], None, None, "Direct"),
 (7, 1, "is not on the table, and never will be", "position", ["osei"], [("S","Against",None)], None, "Firm", "Direct"),
 (8, 1, "inspectors must be part of any settlement", "position", ["halvorsen"], [("I","For",None)], None, None, "Indirect"),
 (9, 2, "belongs to Northland, and that is not negotiable", "position", ["berg"], [("S","For",None)], None, "Firm", "Direct"),
 (10, 2, "ready to share the fishing grounds with Southmark's boats", "position", ["berg"], [("R","For",None)], None, "Flexible", "Direct"),
 (11, 2, "would not let Northland's fleets into its waters", "position", ["okafor"], [("R","Against",None)], "2025-10-27", None, "Indirect"),
 (12, 3, "cannot lower the fees this year", "position", ["halvorsen"], [("F","Against",None)], None, None, "Direct"),
 (13, 3, "will keep their own waters", "position", ["okafor"], [("R","Against",None)], None, None, "Direct"),
 (14, 3, "foreign inspectors walk through our dams", "position", ["osei"], [("I","Against",None)], None, None, "Direct"),
 (31, 3, "the quota must be written into any treaty", "position", ["osei"], [("Q","For",None)], None, None, "Indirect"),
 (15, 4, "will accept international inspections of the dams, provided the crossing fees are cut", "concession", ["osei"], [("I","Conditional","the crossing fees are cut")], None, None, "Direct"),
 (16, 4, "remains Northland's", "position", ["berg"], [("S","For",None)], None, None, "Direct"),
 (17, 4, "talks on the fishing grounds will continue in Oslo", "claim", ["halvorsen","osei"], [("R",None,None)], None, None, "Direct"),
 (18, 4, "would study the request on fees", "claim", ["halvorsen"], [("F",None,None)], None, None, "Indirect"),
 (19, 5, "could accept a quota, if the inspectors report every month", "concession", ["berg"], [("Q","Conditional","the inspectors report every month")], "2025-11-28", "Flexible", "Direct"),
 (20, 5, "will not give up a single kilometre of the river", "position", ["okafor"], [("S","Against",None)], None, "Firm", "Direct"),
 (21, 5, "stands only if the fees come down", "position", ["osei"], [("I","Conditional","the fees come down")], None, None, "Direct"),
 (22, 6, "will halve the crossing fees from January, in exchange for the inspections", "concession", ["halvorsen"], [("F","For",None)], None, None, "Direct"),
 (23, 6, "should fish on both banks", "position", ["berg"], [("R","For",None)], None, None, "Direct"),
 (24, 6, "inspectors would never enter Southmark's dams", "position", ["osei"], [("I","Against",None)], "2025-10", None, "Indirect"),
 (25, 6, "a fair step on the fees", "claim", ["osei"], [("F","For",None)], None, None, "Direct"),
 (26, 7, "sets a fixed water quota and opens every dam to monthly inspections", "agreement", ["berg","osei"], [("Q","For",None),("I","For",None)], None, None, "Direct"),
 (30, 7, "the inspectors would start in January", "claim", ["halvorsen"], [("I","For",None)], None, None, "Indirect"),
 (27, 7, "changes nothing about who owns the river", "position", ["okafor"], [("S","Against",None)], None, None, "Direct"),
 (28, 7, "Northland's claim to the upper river still stands", "position", ["berg"], [("S","For",None)], None, None, "Indirect"),
 (29, 7, "stays closed for Southmark", "position", ["okafor"], [("R","Against",None)], None, None, "Direct"),
]
links = [
 (15,"concedes-to",2,"Southmark lets the inspectors in, answering Northland's demand."),
 (15,"conditional-on",6,"Only if the crossing fees are cut."),
 (19,"concedes-to",3,None),
 (19,"conditional-on",15,"Monthly reports from the inspectors Southmark accepted."),
 (22,"concedes-to",6,None),
 (22,"in-exchange-for",15,"Fees halved for the inspections."),
 (8,"reaffirms",2,None),(16,"reaffirms",9,None),(21,"reaffirms",15,None),(25,"responds-to",22,None),
 (12,"reaffirms",5,None),(14,"reaffirms",4,None),(20,"contradicts",9,None),(27,"contradicts",28,None),
 (26,"responds-to",19,None),(13,"responds-to",10,None),(6,"responds-to",5,None),(29,"reaffirms",13,None),
 (30,"supports",26,None),(31,"reaffirms",3,None),(18,"responds-to",6,None),
]
import re, os
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
src = open(os.path.join(root, 'saves/ukraine-talks.ron')).read()
schema = src[src.index('    schema: ('):src.index('\n    documents:')] + '\n'
out = ["(", "    format: 3,", '    title: "Lindqvist River talks, October to December 2025 (an invented sample)",', schema.rstrip(",\n") + ",", "    documents: ["]
for d in docs:
    h = "sha256:" + hashlib.sha256(d["text"].encode()).hexdigest()
    out += ["        (", f'            id: "{d["id"]}",', f'            title: {q(d["title"])},', f'            date: Some("{d["date"]}"),', '            outlet: Some("The Riverside Courier (invented)"),', f'            text_hash: "{h}",', f'            text: {q(d["text"])},', "        ),"]
out.append("    ],")
out.append("    actors: [")
for key,name,side,aff,aliases in actors:
    out += ["        (", f'            id: "{uid(key)}",', f'            name: {q(name)},']
    if aliases: out.append(f'            aliases: [{", ".join(q(a) for a in aliases)}],')
    if side: out.append(f'            side: Some("{uid(side)}"),')
    if aff: out.append(f'            affiliation: Some({q(aff)}),')
    out.append("        ),")
out.append("    ],")
out.append("    issues: [")
for key,name,desc,aliases in issues:
    out += ["        (", f'            id: "{uid("issue"+key)}",', f'            name: {q(name)},', f'            aliases: [{", ".join(q(a) for a in aliases)}],', f'            description: Some({q(desc)}),', "        ),"]
out.append("    ],")
out.append("    annotations: [")
cues = ["said", "told", "added", "called for", "repeated", "announced", "insisted", "welcomed"]
for n,di,frag,tag,holders,iss,said_on,firm,attr in st:
    text = docs[di]["text"]
    b = text.find(frag)
    assert b >= 0 and text.find(frag, b+1) < 0, frag
    e = b + len(frag)
    parts = []
    for (k,s,c) in iss:
        p = f'issue: "{uid("issue"+k)}"'
        if s: p += f", stance: Some({s})"
        if c: p += f", condition: Some({q(c)})"
        parts.append("(" + p + ")")
    out += ["        (", f'            id: "{uid("st%d"%n)}",', f'            document: "{docs[di]["id"]}",', f'            tag: "{tag}",', f"            ranges: [(start: {b}, end: {e})],", f"            quote: {q(frag)},",
            f'            holders: [{", ".join(q(uid(h)) for h in holders)}],', f"            issues: [{', '.join(parts)}],"]
    if said_on: out.append(f'            said_on: Some("{said_on}"),')
    if firm: out.append(f"            firmness: Some({firm}),")
    out.append(f"            attribution: Some({attr}),")
    # the nearest reporting cue before the span, inside its sentence
    best = None
    for c in cues:
        i = text.rfind(c, max(0, b-60), b)
        if i >= 0 and (best is None or i > best[0]): best = (i, i+len(c))
    if best: out.append(f"            cue: [(start: {best[0]}, end: {best[1]})],")
    out += ['            annotator: Some("Sample analyst"),', '            created: "2025-12-19T09:00:00Z",', '            modified: "2025-12-19T09:00:00Z",', "        ),"]
out.append("    ],")
out.append("    relations: [")
for i,(a,k,b,note) in enumerate(links):
    out += ["        (", f'            id: "{uid("rel%d"%i)}",', f'            kind: "{k}",', f'            from: "{uid("st%d"%a)}",', f'            to: "{uid("st%d"%b)}",']
    if note: out.append(f"            note: Some({q(note)}),")
    out.append("        ),")
out.append("    ],")
out.append("    rounds: [")
for name,f,t in [("Tallinn round","2025-10-01","2025-10-31"),("Vienna round","2025-11-01","2025-11-30"),("Oslo round","2025-12-01","2025-12-20")]:
    out += ["        (", f'            id: "{uid(name)}",', f"            name: {q(name)},", f'            span: Dates(from: "{f}", to: "{t}"),', "        ),"]
out.append("    ],")
out.append(")")
open(os.path.join(root, 'saves/river-talks.ron'),'w').write("\n".join(out)+"\n")
print(len(st), len(links))
