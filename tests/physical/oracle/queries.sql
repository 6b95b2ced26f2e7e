select a, b from t where a > 2
select a + 1 from t where b = 'x'
select a, b, c from t where c is null or a is null
select case when a > 2 then 'big' when a is null then 'none' else 'small' end from t
select case when a = 0 then 1 / a else a end from t
select cast(a as varchar), try_cast(b as integer) from t
select b, count(*), sum(a), min(c), max(c) from t group by b
select count(*), sum(a), avg(a), count(distinct b), count(b) from t
select count(*), sum(a) from t where a > 100
select b, count(distinct a), sum(distinct a) from t group by b
select b, count(*) filter (where a > 1), sum(a) filter (where c > 0) from t group by b
select b from t group by b having count(*) > 1
select distinct b from t
select distinct a, b from t
select l.k, v, w from l join r on l.k = r.k
select l.k, v, w from l left join r on l.k = r.k
select r.k, v, w from l right join r on l.k = r.k
select l.k, r.k, v, w from l full join r on l.k = r.k
select l.k, v, w from l join r on l.k = r.k and v < 'l2b' 
select l.k, v, w from l left join r on l.k = r.k and w = 'r2b'
select k, v from l where k in (select k from r)
select k, v from l where k not in (select k from r where k is not null)
select k, v from l where exists (select 1 from r where r.k = l.k)
select k, v from l where not exists (select 1 from r where r.k = l.k)
select x from n1 where x not in (select y from n2)
select x from n1 where x not in (select y from n3)
select x, x in (select y from n3) from n1
select x, x not in (select y from n2) from n1
select count(*) from l, r
select v, (select count(*) from r where r.k = l.k) from l
select v, (select max(w) from r) from l
select a from t union all select k from l
select a from t union select k from l
select a from t intersect select k from l
select a from t except select k from l
select a from t intersect all select k from l
select a from t except all select k from l
select region, product, sum(amount) from sales group by grouping sets ((region), (product), ())
select region, product, sum(amount) from sales group by rollup (region, product)
select region, product, count(*) from sales group by cube (region, product)
select dept, name, salary, row_number() over (partition by dept order by salary desc, name) from emp
select dept, name, rank() over (partition by dept order by salary desc), dense_rank() over (partition by dept order by salary desc) from emp
select name, percent_rank() over (order by salary), cume_dist() over (order by salary) from emp
select name, ntile(3) over (order by name) from emp
select name, lag(salary) over (order by name), lead(salary, 2, -1) over (order by name) from emp
select name, first_value(name) over (partition by dept order by salary), last_value(name) over (partition by dept order by salary rows between unbounded preceding and unbounded following) from emp
select name, nth_value(name, 2) over (order by name rows between unbounded preceding and current row) from emp
select name, sum(salary) over (partition by dept order by name), count(*) over (partition by dept) from emp
select name, sum(salary) over (order by name rows between 1 preceding and 1 following) from emp
select name, sum(salary) over (order by salary range between 20 preceding and current row) from emp
select name, count(*) over (order by salary groups between 1 preceding and current row) from emp
select name, avg(salary) over (partition by dept) from emp
select a, b from t order by a, b
select a, b from t order by a desc nulls first, b
select a, b from t order by b nulls first, a desc
select a, c from t order by c desc limit 3
select a from t order by a limit 2 offset 2
select name, salary from emp order by salary desc nulls last, name limit 4
select b, sum(a) from t group by b order by b
select a from t order by a nulls first limit 3
select * from (values (3, 'c'), (1, 'a'), (2, null)) v(x, y) order by x
select 1 + 2, 'abc'
