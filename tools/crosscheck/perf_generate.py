# Random perf-script-like text for cross-checking the importer (see README.md).
import random, sys
def gen(path, seed):
    rnd=random.Random(seed); t=1000.0; lines=[]
    comms=['python3','kworker/1:1-vir','Web Content','a 12 b','x:y','foo12']
    addrs=['0xffff8881%04x'%rnd.randrange(8) for _ in range(6)]
    devs=['lo','eth0','eth1']
    for i in range(rnd.randint(1,300)):
        t+=rnd.randint(0,3)/1e6
        comm=rnd.choice(comms); tid=rnd.choice(['12','7/12','99']); cpu=rnd.randrange(4)
        ts='%.6f'%t
        k=rnd.random(); a=rnd.choice(addrs)
        if k<0.25: ev='net:netif_rx_entry'; fl='dev=%s queue_mapping=%d skbaddr=%s hash=0x%08x len=%d data_len=5'%(rnd.choice(devs),rnd.randrange(3),a,rnd.choice([0,0,rnd.randrange(1,2**32)]),rnd.randrange(100,30000))
        elif k<0.5: ev='net:netif_receive_skb'; fl='dev=%s skbaddr=%s len=%d%s'%(rnd.choice(devs),a,rnd.randrange(100,30000),rnd.choice(['',' hash=0x0000abcd',' queue_mapping=4']))
        elif k<0.55: ev='net:napi_gro_receive_entry'; fl='name=%s skbaddr=%s len=%d'%(rnd.choice(devs),a,rnd.randrange(60,1500))
        elif k<0.75: ev='skb:skb_copy_datagram_iovec'; fl='skbaddr=%s len=%d'%(a,rnd.randrange(0,30000))
        elif k<0.85: ev=rnd.choice(['skb:consume_skb','skb:kfree_skb']); fl='skbaddr=%s location=x'%a
        elif k<0.9: ev='sched:sched_migrate_task'; fl='comm=x pid=1'
        elif k<0.95: ev='skb:skb_copy_datagram_iovec'; fl='skbaddr=%s'%a
        else: lines.append(rnd.choice(['garbage','', '  ', 'x 1 [0] 1.0 a:b: c'])); continue
        lines.append('%16s %6s [%03d] %s: %20s: %s'%(comm,tid,cpu,ts,ev,fl))
    open(path,'w').write('\n'.join(lines)+'\n')
if __name__=='__main__': gen(sys.argv[1], int(sys.argv[2]))
