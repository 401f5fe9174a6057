import { DEMO_CREDENTIALS } from './credentials';
import { CorpOrg } from './org';

/** Demo company names (team brief). */
export const CORP_NAMES = { demo: '示例科技有限公司', other: '另一家公司' } as const;

type Row = [no: string, name: string, title: string, dept: string, leads: boolean, hired: string, gender: 1 | 2];

/**
 * 示例科技有限公司: CEO → department heads → team leads → staff, plus HR (E0002 runs 人力资源部).
 * Departments: root, 人力资源部, 研发部 (前端组, 后端组), 销售部 (华东销售组), 财务部.
 */
const DEMO_DEPTS: Array<[key: number, parent: number, name: string]> = [
  [1, 0, '人力资源部'],
  [2, 0, '研发部'],
  [3, 2, '前端组'],
  [4, 2, '后端组'],
  [5, 0, '销售部'],
  [6, 5, '华东销售组'],
  [7, 0, '财务部'],
];

const DEMO_PEOPLE: Row[] = [
  ['E0001', '王总', '首席执行官', '', true, '2015-03-02', 1],
  ['E0002', '李娜', '人力资源经理', '人力资源部', true, '2016-05-09', 2],
  ['E0003', '张伟', '研发总监', '研发部', true, '2016-07-01', 1],
  ['E0004', '刘洋', '销售总监', '销售部', true, '2017-02-13', 1],
  ['E0005', '陈静', '财务经理', '财务部', true, '2017-04-10', 2],
  ['E0006', '杨帆', '前端组组长', '前端组', true, '2018-03-05', 1],
  ['E0007', '赵磊', '后端组组长', '后端组', true, '2018-06-11', 1],
  ['E0008', '黄敏', '华东销售组组长', '华东销售组', true, '2019-01-07', 2],
  ['E0009', '周杰', '人事专员', '人力资源部', false, '2019-08-19', 1],
  ['E0010', '吴婷', '招聘专员', '人力资源部', false, '2020-03-16', 2],
  ['E0011', '徐静怡', '薪酬福利专员', '人力资源部', false, '2021-05-10', 2],
  ['E0012', '孙浩', '产品经理', '研发部', false, '2019-04-22', 1],
  ['E0013', '马丽', 'UI设计师', '研发部', false, '2020-07-06', 2],
  ['E0014', '朱明', '前端工程师', '前端组', false, '2019-09-02', 1],
  ['E0015', '胡晓燕', '前端工程师', '前端组', false, '2020-02-24', 2],
  ['E0016', '郭强', '高级前端工程师', '前端组', false, '2018-11-12', 1],
  ['E0017', '何雪', '前端工程师', '前端组', false, '2021-03-01', 2],
  ['E0018', '高鹏', '前端工程师', '前端组', false, '2022-07-11', 1],
  ['E0019', '林晨', '前端实习生', '前端组', false, '2024-06-17', 1],
  ['E0020', '罗军', '高级后端工程师', '后端组', false, '2018-08-20', 1],
  ['E0021', '梁丹', '后端工程师', '后端组', false, '2019-10-14', 2],
  ['E0022', '宋涛', '后端工程师', '后端组', false, '2020-05-18', 1],
  ['E0023', '郑凯', '后端工程师', '后端组', false, '2021-01-04', 1],
  ['E0024', '谢芳', '测试工程师', '后端组', false, '2021-08-09', 2],
  ['E0025', '韩冰', '运维工程师', '后端组', false, '2020-11-23', 1],
  ['E0026', '唐亮', '后端工程师', '后端组', false, '2022-03-14', 1],
  ['E0027', '冯超', '数据工程师', '后端组', false, '2023-02-20', 1],
  ['E0028', '曹颖', '销售助理', '销售部', false, '2020-09-07', 2],
  ['E0029', '许刚', '客户经理', '华东销售组', false, '2019-05-13', 1],
  ['E0030', '邓琳', '客户经理', '华东销售组', false, '2020-04-20', 2],
  ['E0031', '彭飞', '客户经理', '华东销售组', false, '2021-06-28', 1],
  ['E0032', '曾敏', '销售代表', '华东销售组', false, '2022-09-05', 2],
  ['E0033', '萧然', '销售代表', '华东销售组', false, '2023-03-27', 1],
  ['E0034', '田甜', '销售代表', '华东销售组', false, '2023-10-16', 2],
  ['E0035', '董洁', '会计', '财务部', false, '2018-04-02', 2],
  ['E0036', '潘磊', '出纳', '财务部', false, '2019-12-09', 1],
  ['E0037', '袁媛', '财务专员', '财务部', false, '2021-09-13', 2],
  ['E0038', '蒋伟', '法务专员', '', false, '2020-01-06', 1],
  ['E0039', '蔡文', '行政专员', '人力资源部', false, '2022-04-18', 2],
  ['E0040', '余洋', '总经理助理', '', false, '2019-03-11', 1],
];

const OTHER_PEOPLE: Row[] = [
  ['E0001', '钱总', '总经理', '', true, '2018-01-08', 1],
  ['E0002', '孔丽', '综合部经理', '综合部', true, '2018-03-12', 2],
  ['E0003', '严明', '人事行政', '综合部', false, '2019-06-03', 1],
  ['E0004', '华晴', '会计', '综合部', false, '2020-08-17', 2],
  ['E0005', '金鑫', '业务员', '综合部', false, '2021-11-22', 1],
];

export function mobileFor(n: number, prefix = '138'): string {
  return `${prefix}${String(n).padStart(8, '0')}`;
}

function buildSmall(corp: CorpOrg, depts: Array<[number, number, string]>, rows: Row[], mobilePrefix: string): CorpOrg {
  corp.addDepartment(0, null, corp.name, 0);
  depts.forEach(([key, parent, name], i) => corp.addDepartment(key, parent, name, i + 1));
  for (const [no, name, title, deptName, leads, hired, gender] of rows) {
    const dept = deptName ? corp.departmentByName(deptName)! : corp.root;
    corp.addPerson(
      { employeeNo: no, name, title, mobile: mobileFor(Number(no.slice(1)), mobilePrefix), deptKeys: [dept.key], managerNo: null, hiredDate: hired, gender },
      leads ? [dept.key] : [],
    );
  }
  return corp;
}

export function seedDemo(): CorpOrg {
  return buildSmall(new CorpOrg('demo', CORP_NAMES.demo, DEMO_CREDENTIALS.demo), DEMO_DEPTS, DEMO_PEOPLE, '138');
}

export function seedOther(): CorpOrg {
  return buildSmall(new CorpOrg('other', CORP_NAMES.other, DEMO_CREDENTIALS.other), [[1, 0, '综合部']], OTHER_PEOPLE, '139');
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯健俊帆雪琳晨欣怡佳悦子涵轩博文睿哲思雨梓萱';
const TITLES = ['工程师', '高级工程师', '专员', '主管', '分析师', '设计师', '顾问', '助理', '销售代表', '会计'];
const DEPT_WORDS = ['研发', '产品', '销售', '市场', '运营', '客服', '财务', '人事', '行政', '质量', '供应链', '法务'];

/** Deterministic generated name for member number n (1-based). */
export function generatedName(n: number): string {
  const s = SURNAMES[n % SURNAMES.length];
  const g1 = GIVEN[(n * 7) % GIVEN.length];
  const g2 = GIVEN[(n * 13 + 5) % GIVEN.length];
  return n % 3 === 0 ? `${s}${g1}` : `${s}${g1}${g2}`;
}

/**
 * A large deterministic org for the benchmark: `departments` departments below the root (a tree with
 * 10 children per node), `members` people (E0001 = CEO at the root, the first member of each department
 * leads it, the rest round-robin over departments).
 */
export function seedLarge(members: number, departments: number): CorpOrg {
  const corp = new CorpOrg('demo', CORP_NAMES.demo, DEMO_CREDENTIALS.demo);
  corp.addDepartment(0, null, corp.name, 0);
  const d = Math.max(0, departments);
  for (let i = 1; i <= d; i++) {
    const parent = Math.floor((i - 1) / 10);
    const parentKey = parent === 0 ? 0 : parent;
    corp.addDepartment(i, parentKey, `${DEPT_WORDS[i % DEPT_WORDS.length]}${i}部`, ((i - 1) % 10) + 1);
  }
  const hired = (n: number) => {
    const y = 2010 + (n % 15);
    const m = String((n % 12) + 1).padStart(2, '0');
    const day = String((n % 28) + 1).padStart(2, '0');
    return `${y}-${m}-${day}`;
  };
  for (let n = 1; n <= members; n++) {
    const no = `E${String(n).padStart(4, '0')}`;
    let deptKey = 0;
    let leads = false;
    if (n === 1) leads = true;
    else if (d > 0) {
      deptKey = ((n - 2) % d) + 1;
      leads = n - 2 < d; // first member placed in each department leads it
    }
    corp.addPerson(
      {
        employeeNo: no,
        name: n === 1 ? '王总' : generatedName(n),
        title: n === 1 ? '首席执行官' : leads ? '部门负责人' : TITLES[n % TITLES.length],
        mobile: mobileFor(n),
        deptKeys: [deptKey],
        managerNo: null,
        hiredDate: hired(n),
        gender: n % 2 === 0 ? 2 : 1,
      },
      leads ? [deptKey] : [],
    );
  }
  return corp;
}
