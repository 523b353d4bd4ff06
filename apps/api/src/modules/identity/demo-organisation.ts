// The demo organisation seeded by BATON_DEMO=1: departments with heads and one
// user for each role the SOPs in SOPS.md need, so every template can be run.
export interface DemoDepartment {
  key: string;
  name: string;
  parent?: string;
  head?: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  department: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { key: 'hq', name: '总经办 Head office', head: 'gm' },
  { key: 'ops', name: '运营部 Operations', parent: 'hq', head: 'opsdir' },
  { key: 'product', name: '产品部 Product', parent: 'hq', head: 'pm' },
  { key: 'design', name: '设计部 Design', parent: 'hq', head: 'design' },
  { key: 'warehouse', name: '仓储部 Warehouse', parent: 'hq', head: 'warehouse' },
  { key: 'cs', name: '客服部 Customer service', parent: 'hq', head: 'cslead' },
  { key: 'finance', name: '财务部 Finance', parent: 'hq', head: 'finance' },
  { key: 'hr', name: '人事部 HR', parent: 'hq', head: 'hr' },
  { key: 'live', name: '直播部 Livestream', parent: 'ops', head: 'host' },
];

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'gm',
    displayName: '陈总 (General manager)',
    roles: ['general_manager'],
    department: 'hq',
  },
  {
    username: 'opsdir',
    displayName: '李运营总监 (Operations director)',
    roles: ['operations_director'],
    department: 'ops',
  },
  {
    username: 'opsspec',
    displayName: '钱运营专员 (Operations specialist)',
    roles: ['operations_specialist'],
    department: 'ops',
  },
  {
    username: 'pm',
    displayName: '王产品 (Product manager)',
    roles: ['product_manager'],
    department: 'product',
  },
  {
    username: 'design',
    displayName: '张设计 (Designer)',
    roles: ['graphic_designer', 'design_lead'],
    department: 'design',
  },
  {
    username: 'warehouse',
    displayName: '赵仓库 (Warehouse)',
    roles: ['warehouse'],
    department: 'warehouse',
  },
  {
    username: 'cs',
    displayName: '孙客服 (Customer service)',
    roles: ['customer_service'],
    department: 'cs',
  },
  { username: 'cslead', displayName: '周客服主管 (CS lead)', roles: ['cs_lead'], department: 'cs' },
  {
    username: 'finance',
    displayName: '吴财务 (Finance)',
    roles: ['finance'],
    department: 'finance',
  },
  { username: 'hr', displayName: '郑人事 (HR)', roles: ['hr'], department: 'hr' },
  {
    username: 'host',
    displayName: '林主播 (Livestream host)',
    roles: ['live_host'],
    department: 'live',
  },
  {
    username: 'flowadmin',
    displayName: '流程管理员 (Process designer)',
    roles: ['designer'],
    department: 'ops',
  },
];
