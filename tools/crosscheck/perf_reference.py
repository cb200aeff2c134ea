# Independent reference of DESIGN.md perf script import (line format and join rules).
import re, sys
LINE=re.compile(r'^(.*?)\s*(\d+|\d+/\d+)\s+\[(\d+)\]\s+(\d+)\.(\d+):\s+([^\s:]+:[^\s:]+):\s*(.*)$')
ENTRY={'net:netif_receive_skb_entry','net:netif_rx_entry','net:napi_gro_receive_entry','net:napi_gro_frags_entry','net:netif_receive_skb_list_entry'}
CORE='net:netif_receive_skb'
def fields(s):
    d={}
    for tok in s.split():
        if '=' in tok:
            k,v=tok.split('=',1)
            if k and k not in d: d[k]=v
    return d
def hexv(v):
    if v is None: return None
    d=v[2:] if v[:2].lower()=='0x' else v
    try: return int(d,16) if d and len(d)<=16 else None
    except: return None
def dec(v):
    return int(v) if v and v.isdigit() else None
def run(path):
    live={}; out=[]; devs={}; c=dict(allocs=0,consumes=0,frees=0,unmatched=0,skipped=0,other=0)
    for line in open(path, errors='replace'):
        line=line.rstrip('\n')
        m=LINE.match(line)
        if not m: c['skipped']+=1; continue
        cpu=int(m.group(3)); frac=(m.group(5)+'0'*9)[:9]; t=int(m.group(4))*10**9+int(frac)
        ev=m.group(6); f=fields(m.group(7))
        R= ev==CORE or ev in ENTRY; C= ev=='skb:skb_copy_datagram_iovec'; F= ev in ('skb:consume_skb','skb:kfree_skb')
        if not (R or C or F): c['other']+=1; continue
        a=hexv(f.get('skbaddr'))
        if a is None: c['skipped']+=1; continue
        ln=None
        if R or C:
            ln=dec(f.get('len'))
            if ln is None: c['skipped']+=1; continue
        if a>=2**63: a-=2**64
        if R:
            name=f.get('dev', f.get('name'))
            dev=-1 if name is None else devs.setdefault(name,len(devs))
            h=hexv(f.get('hash')); flow=-1 if not h else h&0xffffffff
            q=dec(f.get('queue_mapping')); q=-1 if q is None else q
            b=live.get(a)
            if ev==CORE and b is not None and not b['copied'] and not b['core']:
                b['core']=True
                if b['flow']==-1: b['flow']=flow
                if b['queue']==-1: b['queue']=q
                continue
            b=dict(t=t,cpu=cpu,dev=dev,len=ln,flow=flow,queue=q,copied=False,core=(ev==CORE))
            live[a]=b; out.append(('A',a,b)); c['allocs']+=1
        elif C:
            b=live.get(a)
            if b is None: c['unmatched']+=1; continue
            b['copied']=True; out.append(('C',a,(t,cpu,ln))); c['consumes']+=1
        else:
            if a in live: del live[a]; out.append(('F',a,t)); c['frees']+=1
    rows=[]
    for typ,a,x in out:
        if typ=='A': rows.append("A,%d,%d,%d,%d,%s,%d,%d,%d"%(x['t'],a,x['dev'],x['queue'],('0x%08x'%x['flow']) if x['flow']>=0 else '-1',x['cpu'],x['cpu'],x['len']))
        elif typ=='C': rows.append("C,%d,%d,,,,%d,%d,%d"%(x[0],a,x[1],x[1],x[2]))
        else: rows.append("F,%d,%d,,,,,,"%(x,a))
    return c, rows
if __name__=='__main__':
    c,rows=run(sys.argv[1]); print(c); open(sys.argv[2],'w').write('\n'.join(rows)+'\n')
