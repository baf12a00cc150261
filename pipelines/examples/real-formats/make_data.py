# Regenerates the small example files in data/ (deterministic: fixed seed). python3 make_data.py
import random, gzip, os
random.seed(42)
D=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data') + '/'
skills_ls=[('Welding','SQ001'),('Digital literacy','SQ002'),('Health and safety','SQ003'),('Teamwork','SQ004')]
# LimeSurvey export (Serbia): ';', BOM, all quoted, codes
h=['id. Response ID','submitdate. Date submitted','lastpage. Last page','startlanguage. Start language','seed. Seed','Q1. U kom sektoru radite?','ORG. Tip organizacije']
for s,c in skills_ls:
    h+=['IMP[%s]. Koliko je važna veština? [%s]'%(c,s),'PROF[%s]. Koliko su zaposleni osposobljeni? [%s]'%(c,s),'HTF[%s]. Teško se pronalaze radnici? [%s]'%(c,s),'DEM[%s]. Promena potražnje [%s]'%(c,s)]
h+=['MODE. Željeni oblik učenja','TG[unemp]. Ciljne grupe [Nezaposleni]','TG[youth]. Ciljne grupe [Mladi]','TG[rural]. Ciljne grupe [Ruralna područja]','TG[idp]. Ciljne grupe [Raseljena lica]']
sectors_rs=['Građevinarstvo','Prerađivačka industrija','Informacione tehnologije','Ugostiteljstvo','Građevinarstvo','Prerađivačka industrija']
rows=[]
for i in range(1,41):
    complete = i % 9 != 0
    r=[str(i), '2024-03-%02d 10:%02d:00'%(1+i%28, i%60) if complete else '', '5' if complete else '1','sr',str(1000+i)]
    if not complete:
        r += ['']*(len(h)-len(r)); rows.append(r); continue
    r += [random.choice(sectors_rs), random.choice(['A1','A1','A1','A2','A3','A4'])]
    for s,c in skills_ls:
        imp=random.randint(2,5); prof=random.randint(1,imp)
        r += ['A%d'%imp,'A%d'%prof,random.choice(['Y','N','']),random.choice(['A3','A4','A5',''])]
    r += [random.choice(['A1','A2','A3','']), random.choice(['Y','']), random.choice(['Y','']), random.choice(['Y','']), random.choice(['Y',''])]
    rows.append(r)
def q(r): return ';'.join('"'+c.replace('"','""')+'"' for c in r)
open(D+'RS-limesurvey-results.csv','w',encoding='utf-8').write('\ufeff'+q(h)+'\n'+'\n'.join(q(r) for r in rows)+'\n\n')
# Kobo export (Georgia): comma, group paths, select_multiple + 1/0 columns
kh=['start','end','country','sector','org_type','skills/imp_weld','skills/prof_weld','skills/imp_ict','skills/prof_ict','skills/imp_tour','skills/prof_tour','skills/htf_tour','mode','target_groups','target_groups/unemployed','target_groups/youth','target_groups/rural','target_groups/idp','_id','_uuid','_submission_time','_index']
sectors_ge=['მშენებლობა','ტურიზმი','სასტუმროები და რესტორნები','Information technology','სოფლის მეურნეობა']
kr=[]
for i in range(1,36):
    tg=[g for g in ['unemployed','youth','rural','idp'] if random.random()<0.4]
    row=['2024-02-%02d'%(1+i%28)]*2+['GE',random.choice(sectors_ge),random.choice(['employer','employer','vet_provider','pes'])]
    for _ in range(3):
        imp=random.randint(2,5); row+=[str(imp),str(random.randint(1,imp))]
    row+=[random.choice(['yes','no'])]
    row+=[random.choice(['online','blended','on_site','']),' '.join(tg)]+['1' if g in tg else '0' for g in ['unemployed','youth','rural','idp']]
    row+=[str(5000+i),'uuid-%04d'%i,'2024-02-%02dT10:00:00'%(1+i%28),str(i)]
    kr.append(','.join('"%s"'%c if ' ' in c or ',' in c else c for c in row))
open(D+'GE-kobo-export.csv','w',encoding='utf-8').write(','.join(kh)+'\n'+'\n'.join(kr)+'\n')
# Eurostat TSV (gzip): employment by NACE, several countries incl. aggregates
dims='freq,unit,sex,age,nace_r2,geo\\TIME_PERIOD'
years=['2019','2020','2021','2022','2023']
lines=[dims+'\t'+'\t'.join(y+' ' for y in years)]
base={'DE':{'TOTAL':42000,'C':7800,'F':2600,'I':1700,'J':1600,'Q':5900},'NO':{'TOTAL':2800,'C':220,'F':250,'I':110,'J':110,'Q':580},'RS':{'TOTAL':2900,'C':560,'F':130,'I':110,'J':80,'Q':170},'MK':{'TOTAL':800,'C':170,'F':60,'I':40,'J':20,'Q':45},'EU27_2020':{'TOTAL':200000}}
for geo,secs in base.items():
    for sec,v in secs.items():
        cells=[]
        for k,y in enumerate(years):
            val=v*(1+0.01*k*random.uniform(-1,2))
            flag=random.choice(['','','','','p','b'])
            if geo=='MK' and y=='2019': cells.append(': '); continue
            cells.append(('%.1f'%val)+(' '+flag if flag else ' '))
        lines.append('A,THS_PER,T,Y15-64,%s,%s\t'%(sec,geo)+'\t'.join(cells))
        lines.append('A,THS_PER,M,Y15-64,%s,%s\t'%(sec,geo)+'\t'.join('%.1f '%(v*0.55) for _ in years))
open(D+'estat_lfsa_egan2.tsv.gz','wb').write(gzip.compress(('\n'.join(lines)+'\n').encode(), mtime=0))
# Eurostat SDMX-CSV: job vacancies
s=['DATAFLOW,LAST UPDATE,freq,s_adj,sizeclas,indic_em,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG']
for geo,secs in {'DE':{'C':250000,'F':60000,'J':90000,'Q':180000,'I':70000},'NO':{'C':4000,'F':5200,'J':3100,'Q':9800,'I':2100},'MK':{'C':1500,'F':400,'J':300}}.items():
    for sec,v in secs.items():
        for y in ['2022','2023']:
            s.append('ESTAT:JVS_A_NACE2(1.0),20/03/24 23:00:00,A,NSA,TOTAL,JOBVAC,%s,%s,%s,%d,%s'%(sec,geo,y,int(v*random.uniform(0.9,1.2)),random.choice(['','','e'])))
open(D+'estat_jvs_a_nace2.csv','w').write('\n'.join(s)+'\n')
# ILOSTAT code CSV: unemployment rate & employment by economic activity for non-EU BEM countries
il=['ref_area,source,indicator,sex,classif1,time,obs_value,obs_status,note_classif,note_indicator,note_source']
for iso3,tot in {'ARM':1100,'GEO':1300,'UKR':15000,'MNE':250,'SRB':2900,'MKD':800}.items():
    for eco,share in [('ECO_SECTOR_TOTAL',1.0),('ECO_ISIC4_A',0.2),('ECO_ISIC4_C',0.12),('ECO_ISIC4_F',0.07),('ECO_ISIC4_I',0.05),('ECO_ISIC4_J',0.03),('ECO_ISIC4_Q',0.05)]:
        for y in ['2021','2022','2023']:
            il.append('%s,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,%s,%s,%.3f,%s,,,'%(iso3,eco,y,tot*share*random.uniform(0.95,1.05),random.choice(['','','B'])))
            il.append('%s,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_F,%s,%s,%.3f,,,,'%(iso3,eco,y,tot*share*0.45))
    for y in ['2021','2022','2023']:
        il.append('%s,BA:1,UNE_DEAP_SEX_AGE_RT,SEX_T,AGE_YTHADULT_YGE15,%s,%.2f,,,,'%(iso3,y,random.uniform(6,20)))
open(D+'ilostat_emp_une.csv','w').write('\n'.join(il)+'\n')
print('ok')
