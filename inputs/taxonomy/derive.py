#!/usr/bin/env python3
"""Derives the machine-readable taxonomy files in this folder from the published reference files.

Run once by a maintainer when the reference files change:
    python3 inputs/taxonomy/derive.py /work/shared/reference inputs/taxonomy
The pipeline itself never runs this script; it reads the CSVs it writes (through libcsv).
Hand-written files (sector_aliases.csv, overrides.csv, esco_transversal_crosswalk.csv) are not touched.
"""
import csv, sys, os

ref, out = sys.argv[1], sys.argv[2]

def w(name, header, rows):
    with open(os.path.join(out, name), 'w', newline='', encoding='utf-8') as f:
        wr = csv.writer(f, lineterminator='\n')
        wr.writerow(header)
        wr.writerows(rows)

def clean(s):
    return ' '.join(s.split())

def section_label(s):
    s = clean(s)
    return s[0].upper() + s[1:].lower() if s.isupper() else s

# German section titles as printed in WZ 2008 (the sources write them in capitals)
DE_SECTIONS = dict(A='Land- und Forstwirtschaft, Fischerei', B='Bergbau und Gewinnung von Steinen und Erden',
    C='Verarbeitendes Gewerbe', D='Energieversorgung',
    E='Wasserversorgung; Abwasser- und Abfallentsorgung und Beseitigung von Umweltverschmutzungen',
    F='Baugewerbe', G='Handel; Instandhaltung und Reparatur von Kraftfahrzeugen', H='Verkehr und Lagerei',
    I='Gastgewerbe', J='Information und Kommunikation', K='Erbringung von Finanz- und Versicherungsdienstleistungen',
    L='Grundstücks- und Wohnungswesen', M='Erbringung von freiberuflichen, wissenschaftlichen und technischen Dienstleistungen',
    N='Erbringung von sonstigen wirtschaftlichen Dienstleistungen', O='Öffentliche Verwaltung, Verteidigung; Sozialversicherung',
    P='Erziehung und Unterricht', Q='Gesundheits- und Sozialwesen', R='Kunst, Unterhaltung und Erholung',
    S='Erbringung von sonstigen Dienstleistungen',
    T='Private Haushalte mit Hauspersonal; Herstellung von Waren und Erbringung von Dienstleistungen durch private Haushalte für den Eigenbedarf ohne ausgeprägten Schwerpunkt',
    U='Exterritoriale Organisationen und Körperschaften')

# NACE Rev. 2 (Eurostat correspondenceTables, EUPL)
en = {r['nace2']: r for r in csv.DictReader(open(os.path.join(ref, 'nace/nace2_en.csv'), newline='', encoding='utf-8'))}
de = {r['nace2']: r for r in csv.DictReader(open(os.path.join(ref, 'nace/nace2_de.csv'), newline='', encoding='utf-8'))}
isic_of = {}
for line in open(os.path.join(ref, 'wz2008/english.tsv'), encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if len(f) >= 4 and f[3].strip():
        isic_of[f[1].strip()] = f[3].strip()

def level(code):
    if code.isalpha(): return 'section'
    return {2: 'division', 4: 'group', 5: 'class'}[len(code)]

def section(code):
    while not code.isalpha():
        code = en[code]['Parent']
    return code

rows = []
for code, r in en.items():
    parent = r['Parent'] if r['Parent'] != 'NA' else ''
    lab_en = section_label(r['NAME']) if code.isalpha() else clean(r['NAME'])
    lab_de = clean(de[code]['NAME'])
    if code.isalpha():
        lab_de = DE_SECTIONS[code]
    rows.append([code, level(code), parent, section(code), lab_en, lab_de, isic_of.get(code, '')])
order = {'section': 0, 'division': 1, 'group': 2, 'class': 3}
rows.sort(key=lambda r: (r[3], r[0] if not r[0].isalpha() else ''))
w('nace_rev2.csv', ['code', 'level', 'parent', 'section', 'label_en', 'label_de', 'isic4'], rows)

# WZ 2008 subclasses (pludoni/wz2008, MIT; data Destatis)
sub_de = {}
for line in open(os.path.join(ref, 'wz2008/original.tsv'), encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if len(f) >= 3 and f[1].count('.') == 2:
        sub_de[f[1].strip()] = clean(f[2])
subs = []
for line in open(os.path.join(ref, 'wz2008/english.tsv'), encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if len(f) >= 3 and f[1].count('.') == 2:
        c = f[1].strip()
        subs.append([c, c[:5], clean(f[2]), sub_de.get(c, '')])
w('wz2008_subclasses.csv', ['code', 'class', 'label_en', 'label_de'], subs)

# ISIC Rev. 4 (Eurostat correspondenceTables copy of the UN classification)
isic = []
with open(os.path.join(ref, 'nace/ISIC4.csv'), newline='', encoding='utf-8') as f:
    rd = csv.reader(f)
    next(rd)
    for r in rd:
        isic.append([r[0].strip(), clean(r[1])])
w('isic_rev4.csv', ['code', 'label_en'], isic)

# NACE Rev. 2 -> Rev. 2.1 (Eurostat correspondenceTables, EUPL): same-level pairs only
corr = []
with open(os.path.join(ref, 'nace/AggregateCorrespondenceTable_NACE_Rev2_to_NACE_Rev21.csv'), newline='', encoding='utf-8') as f:
    rd = csv.reader(f)
    next(rd)
    for r in rd:
        if r[0] == r[1]:
            corr.append([{'1': 'section', '2': 'division', '3': 'group', '4': 'class'}[r[0]], r[2], r[3]])
w('nace_rev2_to_rev21.csv', ['level', 'nace_rev2', 'nace_rev21'], corr)

# ESCO v1.0.x skills pillar (European Commission)
def code_of(uri):
    tail = uri.rsplit('/', 1)[1]
    if '/isced-f/' in uri:
        return 'K' + tail
    return tail
cross = {}
with open(os.path.join(out, 'esco_transversal_crosswalk.csv'), newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        cross[r['uri']] = r['code']
groups = {}
with open(os.path.join(ref, 'esco/skillsHierarchy_en.csv'), newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        parent = ''
        for l in range(4):
            u = r[f'Level {l} URI'].strip()
            if not u: break
            groups.setdefault(u, [code_of(u), u, clean(r[f'Level {l} preferred term']), code_of(parent) if parent else ''])
            parent = u
# ESCO v1.1+ transversal groups T1-T6 (labels as published by ESCO; the v1.0 files predate them)
groups['http://data.europa.eu/esco/skill/T'] = ['T', 'http://data.europa.eu/esco/skill/T', 'transversal skills and competences', '']
for c, lab in [('T1', 'core skills and competences'), ('T2', 'thinking skills and competences'),
               ('T3', 'self-management skills and competences'), ('T4', 'social and communication skills and competences'),
               ('T5', 'physical and manual skills and competences'), ('T6', 'life skills and competences')]:
    groups['http://data.europa.eu/esco/skill/' + c] = [c, 'http://data.europa.eu/esco/skill/' + c, lab, 'T']
alts = []
with open(os.path.join(ref, 'esco/skillGroups_en.csv'), newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        u = r['conceptUri']
        code = groups[u][0] if u in groups else cross.get(u)
        if code is None:
            continue
        if u not in groups:
            alts.append([code, u, clean(r['preferredLabel']), 'group-label'])
        for a in r['altLabels'].split('\n'):
            if a.strip():
                alts.append([code, u, clean(a), 'group-alt'])
def group_code_for(broader):
    for u in broader.split(' | '):
        u = u.strip()
        if u in groups: return groups[u][0]
    for u in broader.split(' | '):
        if u.strip() in cross: return cross[u.strip()]
    return None
for name, coll in [('esco/transversalSkillsCollection_en.csv', 'transversal'), ('esco/ictSkillsCollection_en.csv', 'ict')]:
    with open(os.path.join(ref, name), newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            code = group_code_for(r['broaderConceptUri'])
            if code is None:
                print('no group for', r['preferredLabel'], file=sys.stderr)
                continue
            alts.append([code, r['conceptUri'], clean(r['preferredLabel']), coll + '-skill'])
            for a in r['altLabels'].split(' | '):
                if a.strip():
                    alts.append([code, r['conceptUri'], clean(a), coll + '-alt'])
g = sorted(groups.values(), key=lambda r: r[0])
w('esco_skill_groups.csv', ['code', 'uri', 'label', 'parent'], g)
seen = set(); dedup = []
for r in alts:
    k = (r[0], r[2].lower())
    if k in seen: continue
    seen.add(k); dedup.append(r)
w('esco_skill_labels.csv', ['code', 'uri', 'text', 'kind'], dedup)

# ESCO v1.0 skills and knowledge concepts (skills_en-us.csv, broaderRelationsSkillPillar.csv; European Commission)
# with the nearest group of esco_skill_groups.csv each falls under (docs/methodology.md §9.1).
# 1. `esco`: walk broaderRelationsSkillPillar.csv upwards (a skill's broader may be another skill) to the first
#    concept that is a group in esco_skill_groups.csv, or a v1.0 transversal group of the crosswalk; depth = steps.
# 2. `lexical`: the export has no skill -> S1-S8 group or knowledge -> ISCED-F relations (only the skill-to-skill
#    chains and the transversal part), so the top of each chain is placed in the group whose label, alternative
#    labels and description share the most word stems (first 7 letters of words of 4+ letters) with the
#    concept's label (counted three times) and the first sentence of its description,
#    each shared stem weighted by its inverse document frequency over the groups; candidates are the S groups
#    below the top level for skills and the ISCED-F detailed fields (K + 4 digits) for knowledge. The concepts
#    below it inherit the group, one step deeper each. Concepts with no shared stem are left out.
import math, re
from collections import Counter
STOP = set('with from that this their them they have which other into using such used also about within between '
           'these those will more most when where what your skills skill knowledge including related relevant '
           'according order various different types type work working activities activity ensure ensuring '
           'provide providing appropriate field fields study studies programmes programme qualifications main '
           'content classified here following focus detailed excluded included'.split())
STEM = 7  # first 7 letters: 5 made construction and constitutional one stem
def stems(text):
    return [t[:STEM] for t in re.findall(r'[a-z]+', text.lower()) if len(t) >= 4 and t not in STOP]
def strip_all(d):
    return {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in d.items()}
group_uri_code = {r[1]: r[0] for r in groups.values()}
group_uri_code.update(cross)
group_text = {}
with open(os.path.join(ref, 'esco/skillGroups_en.csv'), newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        r = strip_all(r)
        group_text[r['conceptUri']] = ' '.join([r['preferredLabel'], r['preferredLabel'], r['altLabels'],
                                                 r['description'].split('=== Exclusions')[0]])
def candidate(code, kind):
    if kind == 'knowledge':
        return code.startswith('K') and len(code) == 5 and code[1:].isdigit() and not code.endswith('0')
    return code.startswith('S') and code.count('.') >= 1
cands = {'skill': [], 'knowledge': []}
for u, (code, _, label, _) in groups.items():
    for kind in cands:
        if candidate(code, kind):
            cands[kind].append((code, Counter(stems(group_text.get(u, label + ' ' + label)))))
idf = {}
for kind, lst in cands.items():
    df = Counter(s for _, c in lst for s in c)
    idf[kind] = {s: math.log(len(lst) / n) for s, n in df.items()}
def classify(kind, label, description):
    words = Counter(stems(label) * 3 + stems(description.split('. ')[0]))
    best = None
    for code, gw in cands[kind]:
        score = sum(words[s] * min(gw[s], 3) * idf[kind][s] for s in words if s in gw)
        key = (-score, -code.count('.'), code)
        if score > 0 and (best is None or key < best[0]):
            best = (key, code)
    return best[1] if best else None
broader = {}
with open(os.path.join(ref, 'esco/broaderRelationsSkillPillar.csv'), newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        r = strip_all(r)
        broader.setdefault(r['conceptUri'], []).append(r['broaderUri'])
concepts = {}
with open(os.path.join(ref, 'esco/skills_en-us.csv'), newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        r = strip_all(r)
        concepts[r['conceptUri']] = r
def kind_of(r):
    return 'knowledge' if r['skillType'] == 'knowledge' else 'skill'
placed = {}
def place(u, trail=()):
    if u in placed: return placed[u]
    result = None
    for b in sorted(broader.get(u, [])):
        if b in group_uri_code:
            result = (group_uri_code[b], 1, 'esco')
            break
        if b in concepts and b not in trail:
            up = place(b, trail + (u,))
            if up:
                result = (up[0], up[1] + 1, up[2])
                break
    if result is None and u in concepts and not any(b in concepts or b in group_uri_code for b in broader.get(u, [])):
        code = classify(kind_of(concepts[u]), concepts[u]['preferredLabel'], concepts[u]['description'])
        result = (code, 1, 'lexical') if code else None
    placed[u] = result
    return result
rows = []
for u in sorted(concepts):
    r = concepts[u]
    p = place(u)
    if p is None: continue
    rows.append([u, kind_of(r), r['reuseLevel'], clean(r['preferredLabel']), p[0], p[1], p[2]])
w('esco_concepts.csv', ['uri', 'type', 'reuse_level', 'label', 'group', 'depth', 'link'], rows)
