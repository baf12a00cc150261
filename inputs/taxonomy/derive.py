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
