// Chinese is the source language: en.ts must have exactly these keys
// (enforced by its type and by i18n.test.ts).
const zhCN = {
  app: {
    name: 'Baton 接力',
    tagline: '表单与审批流程，零代码搭建上线',
  },
  common: {
    loading: '加载中…',
    retry: '重试',
    logout: '退出登录',
    language: '语言',
    openMenu: '打开菜单',
  },
  login: {
    title: '登录',
    subtitle: '使用公司分配的账号登录',
    username: '用户名',
    usernamePlaceholder: '请输入用户名',
    usernameRequired: '请输入用户名',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    passwordRequired: '请输入密码',
    submit: '登录',
    forgot: '忘记密码请联系管理员重置',
    feature1: '拖拽设计表单和审批流程',
    feature2: '会签、或签、条件分支、并行审批',
    feature3: '一键安装电商常用模板',
  },
  errors: {
    title: '出错了',
    unknown: '请求失败（{{status}}）',
    pageCrashed: '页面出错了，请刷新重试',
    reload: '刷新页面',
  },
  // Keyed by the API's error code (docs/API.md); unknown codes show the server's message.
  apiError: {
    invalid_credentials: '用户名或密码不正确',
    rate_limited: '尝试次数过多，请稍后再试',
    network_error: '无法连接服务器，请检查网络后重试',
  },
  nav: {
    home: '工作台',
  },
  home: {
    morning: '早上好，{{name}}',
    afternoon: '下午好，{{name}}',
    evening: '晚上好，{{name}}',
    today: '今天是 {{date}}',
    healthTitle: '系统状态',
    healthStatus: '服务',
    healthDb: '数据库',
    healthQueue: '队列',
    healthOk: '正常',
    healthDown: '异常',
    healthChecking: '检查中',
    healthFailed: '无法获取系统状态：{{message}}',
    todoTitle: '我的待办',
    emptyTitle: '还没有待办 — 流程功能即将上线',
    emptyHint: '表单设计器、流程设计器和审批工作台正在建设中。上线后，发给你的审批会出现在这里。',
  },
  notFound: {
    title: '页面不存在',
    hint: '链接可能已失效，或者这个功能还没上线。',
    back: '返回工作台',
  },
};

export type Messages = typeof zhCN;
export default zhCN;
