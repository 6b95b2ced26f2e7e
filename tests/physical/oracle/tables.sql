create table t as select * from (values (1,'x',1.5::double),(2,'y',2.5),(3,'x',null),(4,null,4.0),(5,'z',5.5),(null,'y',6.0),(2,'x',-1.0)) v(a,b,c);
create table l as select * from (values (1,'l1'),(2,'l2'),(2,'l2b'),(3,'l3'),(null,'lnull'),(5,'l5')) v(k,v);
create table r as select * from (values (2,'r2'),(2,'r2b'),(3,'r3'),(4,'r4'),(null,'rnull')) v(k,w);
create table n1 as select * from (values (1),(2),(null),(4)) v(x);
create table n2 as select * from (values (2),(3)) v(y);
create table n3 as select * from (values (2),(null)) v(y);
create table emp as select * from (values ('eng','ann',100),('eng','bob',120),('eng','cid',120),('ops','dan',90),('ops','eve',null),('hr','fay',70),('eng','gus',80)) v(dept,name,salary);
create table sales as select * from (values ('east','a',10),('east','b',20),('west','a',30),('west',null,40),(null,'b',50),('east','a',5)) v(region,product,amount);
