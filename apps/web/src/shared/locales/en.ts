import type { Messages } from './zh-CN';

// Typed as Messages so a missing or extra key fails the type check.
const en: Messages = {
  app: {
    name: 'Baton 接力',
    tagline: 'Forms and approval flows, live without code',
  },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    logout: 'Log out',
    language: 'Language',
    openMenu: 'Open menu',
  },
  login: {
    title: 'Sign in',
    subtitle: 'Use the account your company gave you',
    username: 'Username',
    usernamePlaceholder: 'Enter your username',
    usernameRequired: 'Please enter your username',
    password: 'Password',
    passwordPlaceholder: 'Enter your password',
    passwordRequired: 'Please enter your password',
    submit: 'Sign in',
    forgot: 'Forgot your password? Ask an administrator to reset it',
    feature1: 'Design forms and approval flows by drag and drop',
    feature2: 'Joint sign-off, any-of approval, condition and parallel branches',
    feature3: 'Install ready-made e-commerce templates in one click',
  },
  errors: {
    title: 'Something went wrong',
    unknown: 'Request failed ({{status}})',
    pageCrashed: 'This page crashed. Please reload',
    reload: 'Reload',
  },
  apiError: {
    invalid_credentials: 'Wrong username or password',
    rate_limited: 'Too many attempts. Please try again later',
    network_error: 'Cannot reach the server. Check your network and try again',
  },
  nav: {
    home: 'Home',
  },
  home: {
    morning: 'Good morning, {{name}}',
    afternoon: 'Good afternoon, {{name}}',
    evening: 'Good evening, {{name}}',
    today: 'Today is {{date}}',
    healthTitle: 'System status',
    healthStatus: 'Service',
    healthDb: 'Database',
    healthQueue: 'Queue',
    healthOk: 'OK',
    healthDown: 'Down',
    healthChecking: 'Checking',
    healthFailed: 'Could not read the system status: {{message}}',
    todoTitle: 'My to-dos',
    emptyTitle: 'No to-dos yet — processes are coming soon',
    emptyHint:
      'The form designer, flow designer and approval workspace are being built. Once they ship, approvals sent to you will show up here.',
  },
  notFound: {
    title: 'Page not found',
    hint: 'The link may be out of date, or this feature has not shipped yet.',
    back: 'Back to Home',
  },
};

export default en;
