import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from '../shared/auth';
import { useLanguage } from '../shared/i18n';
import { ErrorBoundary } from '../shared/ui/ErrorBoundary';
import { router } from './router';

// Calm enterprise look close to DingTalk / Feishu: one blue, grey canvas, small radii.
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1677ff',
    borderRadius: 6,
    colorBgLayout: '#f5f6f8',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 24px', headerHeight: 56 },
  },
};

// button.autoInsertSpace off: no "登 录"-style gap in two-character buttons,
// DingTalk and Feishu do not do it and it reads as a typo.
export function App() {
  const language = useLanguage();
  return (
    <ConfigProvider
      locale={language === 'zh-CN' ? zhCN : enUS}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      {/* AntApp gives message/modal/notification the theme and locale above. */}
      <AntApp>
        <ErrorBoundary>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
