# Runs numabias compare and replay_reference.py on random traces and reports every metric that differs.
import subprocess, json, sys, random
import os, tempfile
WORK = tempfile.mkdtemp(prefix='numabias-xcheck-')
NUMABIAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'numabias')
sys.path.insert(0, __import__('os').path.dirname(__file__))
import replay_reference as ref
specs=['producer-local','interleave','last-consumer','majority','ewma','markov','two-stage','oracle',
       'interleave:key=flow','majority:key=queue,weight=bytes','ewma:alpha=0.6,key=flow','markov:order=2,key=queue','two-stage:key=flow','last-consumer:key=queue','markov:order=3']
bad=0
for seed in range(int(sys.argv[1]), int(sys.argv[2])):
    path=WORK+'/t%d.csv'%seed
    ref.gen(path,seed)
    rnd=random.Random(seed)
    sf=rnd.choice(['0','0','5','17','0.3','0.75'])
    rows,nodes=ref.parse_csv(path)
    dist=[[10 if a==b else (20 if seed%2==0 else rnd.randint(11,40)) for b in range(nodes)] for a in range(nodes)]
    exp=ref.replay(rows,nodes,dist,specs,sf)
    dpath=WORK+'/d%d.txt'%seed
    open(dpath,'w').write('\n'.join(' '.join(map(str,r)) for r in dist)+'\n')
    args=[NUMABIAS,'compare',path,'--format','json','--score-from',sf,'--distances',dpath]
    for s in specs: args+=['-p',s]
    out=subprocess.run(args,capture_output=True,text=True)
    if out.returncode!=0: print('seed',seed,'rc',out.returncode,out.stderr[:300]); bad+=1; continue
    got=json.loads(out.stdout)['results']
    for e,g in zip(exp,got):
        for k,v in e.items():
            if k=='spec': continue
            gv=g[k]
            if v is None or gv is None:
                ok = v is None and gv is None
            else:
                ok = abs(v-gv) <= 1e-9*max(1,abs(v))
            if not ok:
                print('seed',seed,'sf',sf,e['spec'],k,'expected',v,'got',gv); bad+=1
print('mismatches',bad)
