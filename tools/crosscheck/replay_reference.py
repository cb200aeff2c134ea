# Independent reference of DESIGN.md replay + metrics, for cross-checking numabias compare --format json.
import sys, json, math, random

def parse_csv(path):
    rows=[]; nodes=None; header=False
    for line in open(path):
        t=line.strip()
        if not t: continue
        if t.startswith('#'):
            c=t[1:].strip()
            if c.startswith('nodes='): nodes=int(c[6:])
            continue
        if not header:
            assert t=="type,time_ns,buffer,device,queue,flow,cpu,node,bytes"; header=True; continue
        f=[x.strip() for x in t.split(',')]
        def iv(s):
            if s=='' : return -1
            if s.startswith('0x'): return int(s,16)
            return int(s)
        typ=f[0]
        if typ=='A': rows.append(('A',iv(f[1]),iv(f[2]),iv(f[3]),iv(f[4]),iv(f[5]),iv(f[6]),iv(f[7]),iv(f[8])))
        elif typ=='C': rows.append(('C',iv(f[1]),iv(f[2]),iv(f[6]),iv(f[7]),iv(f[8])))
        else: rows.append(('F',iv(f[1]),iv(f[2])))
    if nodes is None:
        nodes=1+max([r[7] for r in rows if r[0]=='A']+[r[4] for r in rows if r[0]=='C']+[-1])
        nodes=max(nodes,1)
    return rows,nodes

def argmax(vals, prod):
    m=max(vals)
    if 0<=prod<len(vals) and vals[prod]==m: return prod
    return vals.index(m)

class P:
    def __init__(s,name,params,nodes):
        s.name=name; s.p=params; s.n=nodes; s.st={}
        s.key=params.get('key','device')
    def k(s,dev,q,flow):
        if s.key=='device': return (dev,)
        if s.key=='queue': return (dev,q)
        return (dev,flow)
    def predict(s,ctx):
        dev,q,flow,prod,aidx=ctx
        n=s.name; key=s.k(dev,q,flow)
        if n=='producer-local': return prod
        if n=='interleave':
            c=s.st.get(key,0); s.st[key]=c+1; return c % s.n
        if n=='oracle': 
            o=s.oracle[aidx]; return prod if o<0 else o
        st=s.st.get(key)
        if st is None: return prod
        if n=='last-consumer': return st
        if n=='majority': return argmax(st,prod)
        if n=='ewma': return argmax(st,prod)
        if n=='two-stage': return st['pref'] if st['pref'] is not None else prod
        if n=='markov':
            order=int(s.p.get('order','1'))
            h=st['hist']
            if len(h)>=order:
                state=tuple(h[-order:])
                nx=st['next'].get(state)
                if nx is not None and sum(nx)>0: return argmax(nx,prod)
            return argmax(st['total'],prod)
    def feed(s,dev,q,flow,c,b):
        n=s.name; key=s.k(dev,q,flow)
        if n in ('producer-local','interleave','oracle'): return
        if n=='last-consumer': s.st[key]=c; return
        if n=='majority':
            st=s.st.setdefault(key,[0]*s.n); st[c]+= (b if s.p.get('weight','count')=='bytes' else 1); return
        if n=='ewma':
            a=float(s.p.get('alpha','0.25'))
            st=s.st.setdefault(key,[0.0]*s.n)
            for i in range(s.n): st[i]=st[i]*(1-a)
            st[c]=st[c]+a; return
        if n=='two-stage':
            st=s.st.setdefault(key,{'pref':None,'last':None})
            if st['last'] is None or st['last']==c: st['pref']=c
            st['last']=c; return
        if n=='markov':
            order=int(s.p.get('order','1'))
            st=s.st.setdefault(key,{'hist':[],'next':{},'total':[0]*s.n})
            h=st['hist']
            if len(h)>=order:
                state=tuple(h[-order:]); st['next'].setdefault(state,[0]*s.n)[c]+=1
            h.append(c); st['total'][c]+=1

def oracle_table(rows,nodes,dist):
    live={}; inst=[]; res={}
    aidx=0
    def end(bid):
        i=live.pop(bid)
        cons=inst[i]
        if not cons: res[i]=-1; return
        best=None; bc=None
        costs=[sum(b*dist[p][c] for c,b in cons) for p in range(nodes)]
        m=min(costs); first=cons[0][0]
        res[i]= first if costs[first]==m else costs.index(m)
    for r in rows:
        if r[0]=='A':
            if r[2] in live: end(r[2])
            live[r[2]]=len(inst); inst.append([])
        elif r[0]=='C':
            if r[2] in live: inst[live[r[2]]].append((r[4],r[5]))
        else:
            if r[2] in live: end(r[2])
    for bid in list(live): end(bid)
    return [res[i] for i in range(len(inst))]

def replay(rows,nodes,dist,specs,score_from):
    E=len(rows)
    if '.' in score_from or 'e' in score_from.lower(): sf=math.floor(float(score_from)*E)
    else: sf=int(score_from)
    orc=oracle_table(rows,nodes,dist)
    def mk(spec):
        name,_,ps=spec.partition(':')
        params=dict(kv.split('=') for kv in ps.split(',')) if ps else {}
        p=P(name,params,nodes); p.oracle=orc; return p
    allspecs=specs+['oracle','producer-local','majority:key=device,weight=count','last-consumer:key=device']
    preds=[mk(s) for s in allspecs]
    stats=[dict(n=0,b=0,hits=0,lb=0,cost=0,pred=[0]*nodes) for _ in preds]
    actual=[0]*nodes
    live={}; aidx=0; allocs=0; unknown=0; instances=[]
    for idx,r in enumerate(rows):
        if r[0]=='A':
            _,t,bid,dev,q,flow,cpu,node,b=r
            ps=[p.predict((dev,q,flow,node,aidx)) for p in preds]
            live[bid]=dict(dev=dev,q=q,flow=flow,ps=ps,consumed=False); instances.append(live[bid])
            aidx+=1; allocs+=1
        elif r[0]=='C':
            _,t,bid,cpu,c,b=r
            if bid not in live: unknown+=1; continue
            inst=live[bid]; inst['consumed']=True
            scored= idx>=sf
            if scored: actual[c]+=1
            for i,p in enumerate(preds):
                pp=inst['ps'][i]
                if scored:
                    st=stats[i]; st['n']+=1; st['b']+=b; st['pred'][pp]+=1
                    if pp==c: st['hits']+=1; st['lb']+=b
                    st['cost']+=b*dist[pp][c]
                p.feed(inst['dev'],inst['q'],inst['flow'],c,b)
        else:
            live.pop(r[2],None)
    unconsumed=sum(1 for i in instances if not i['consumed'])
    def ratio(a,b): return None if b==0 else a/b
    out=[]
    O,PL,MJ,LC=stats[-4],stats[-3],stats[-2],stats[-1]
    for i,spec in enumerate(specs):
        st=stats[i]; N=st['n']
        acc=ratio(st['hits'],N)
        cost=st['cost']/10
        ocost=O['cost']/10
        rb=st['b']-st['lb']
        def rem(s): return s['b']-s['lb']
        den=rem(PL)-rem(O)
        def kap(p0,pc):
            if p0 is None or pc is None or pc==1: return None
            return (p0-pc)/(1-pc)
        pc=None if N==0 else sum((st['pred'][n]/N)*(actual[n]/N) for n in range(nodes))
        out.append(dict(spec=spec,consumptions=N,bytes=st['b'],allocs=allocs,unconsumedAllocs=unconsumed,unknownConsumes=unknown,
            accuracy=acc,localByteRatio=ratio(st['lb'],st['b']),remoteBytes=rb,cost=cost,
            regret=None if ocost==0 else cost/ocost-1,capturedGain=None if den==0 else (rem(PL)-rb)/den,
            kappa=kap(acc,pc),kappaM=kap(acc,ratio(MJ['hits'],MJ['n'])),kappaTemporal=kap(acc,ratio(LC['hits'],LC['n'])),
            mpks=None if N==0 else 1000*(N-st['hits'])/N))
    return out

def gen(path,seed):
    rnd=random.Random(seed)
    nodes=rnd.randint(1,5); pool=rnd.randint(1,30); t=0
    with open(path,'w') as f:
        if rnd.random()<0.5: f.write("# nodes=%d\n"%nodes)
        f.write("type,time_ns,buffer,device,queue,flow,cpu,node,bytes\n")
        for i in range(rnd.randint(0,800)):
            t+=rnd.randint(0,2); bid=rnd.randrange(pool); k=rnd.random()
            if k<0.4:
                flow=rnd.choice(['', '-1', '0x%x'%rnd.randrange(4), str(rnd.randrange(4))])
                f.write("A,%d,%d,%d,%s,%s,%d,%d,%d\n"%(t,bid,rnd.randrange(3),rnd.choice(['','0','1','2']),flow,rnd.randrange(8),rnd.randrange(nodes),rnd.randrange(9000)))
            elif k<0.9:
                f.write("C,%d,%d,,,,%d,%d,%d\n"%(t,bid,rnd.randrange(8),rnd.randrange(nodes),rnd.choice([0,rnd.randrange(1,65536)])))
            else:
                f.write("F,%d,%d,,,,,,\n"%(t,bid))

if __name__=='__main__':
    path,score_from=sys.argv[1],sys.argv[2]; specs=sys.argv[3:]
    rows,nodes=parse_csv(path)
    dist=[[10 if a==b else 20 for b in range(nodes)] for a in range(nodes)]
    print(json.dumps(replay(rows,nodes,dist,specs,score_from)))
