// The frame of every signed-in page: header with the user, role and region, language switch and
// logout; on the side the menu and the region navigator (in a drawer on phones).
import {
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, Popconfirm } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth, useUser } from '../auth/AuthContext';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { useIsPhone } from '../common/useIsPhone';
import { useLang } from '../i18n/lang';
import { LedgerMenuIcon } from '../ledger/LedgerMenuIcon';
import { monitoringMenu, monitoringSection } from '../monitoring/menu';
import { RegionProvider, useRegion } from '../region/RegionContext';
import { RegionBar } from './RegionBar';
import { RegionTree } from './RegionTree';
import { UserBadge } from './UserBadge';
import './layout.css';

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useLang();
  const { href } = useRegion();
  const { pathname } = useLocation();
  const section =
    ['persons', 'households', 'stats', 'targets', 'warnings', 'audit'].find((s) =>
      pathname.startsWith(`/${s}`),
    ) ?? 'home';
  const item = (key: string, path: string, icon: React.ReactNode, label: string) => ({
    key,
    icon,
    label: (
      <Link to={href(path)} onClick={onNavigate}>
        {label}
      </Link>
    ),
  });
  const user = useUser();
  const monitoringItems = monitoringMenu(user, t).map((m) => item(m.key, m.path, m.icon, m.label));
  return (
    <Menu
      mode="inline"
      style={{ borderInlineEnd: 'none' }}
      selectedKeys={[monitoringSection(pathname) ?? (pathname.startsWith('/ledger') ? 'ledger' : section)]}
      items={[
        item('home', '/', <HomeOutlined />, t('首页', 'Home')),
        ...monitoringItems,
        item('persons', '/persons', <UserOutlined />, t('人员台账', 'People')),
        item('households', '/households', <TeamOutlined />, t('家庭台账', 'Households')),
        item('ledger', '/ledger', <LedgerMenuIcon />, t('台账导入/导出', 'Ledger import/export')),
        item('stats', '/stats', <BarChartOutlined />, t('月度统计', 'Monthly statistics')),
        item('targets', '/targets', <AimOutlined />, t('目标进度', 'Targets')),
        item('warnings', '/warnings', <AlertOutlined />, t('预警', 'Warnings')),
        ...(user.permissions.includes('audit.read')
          ? [item('audit', '/audit', <AuditOutlined />, t('操作日志', 'Audit log'))]
          : []),
      ]}
    />
  );
}

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useLang();
  return (
    <nav className="app-nav">
      <NavMenu onNavigate={onNavigate} />
      <div className="app-nav-title">{t('地区', 'Regions')}</div>
      <RegionTree onSelected={onNavigate} />
    </nav>
  );
}

function LogoutButton({ label }: { label?: boolean }) {
  const { t } = useLang();
  const { logout } = useAuth();
  return (
    <Popconfirm
      title={t('确定退出登录？', 'Log out?')}
      okText={t('退出', 'Log out')}
      cancelText={t('取消', 'Cancel')}
      onConfirm={() => logout()}
    >
      <Button
        type="text"
        className="app-header-button"
        icon={<LogoutOutlined />}
        aria-label={t('退出', 'Log out')}
      >
        {label ? t('退出', 'Log out') : null}
      </Button>
    </Popconfirm>
  );
}

function Frame() {
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { t } = useLang();
  return (
    <Layout className="app">
      <Layout.Header className="app-header">
        {phone && (
          <Button
            type="text"
            className="app-header-button"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            aria-label={t('菜单', 'Menu')}
          />
        )}
        <Link to="/" className="app-brand">
          <span className="app-logo">帮</span>
          <span className="app-brand-name">{phone ? '帮扶' : '帮扶 · 就业帮扶实名制台账'}</span>
        </Link>
        <div className="app-header-right">
          {!phone && <UserBadge />}
          {!phone && <LanguageSwitch />}
          <LogoutButton label={!phone} />
        </div>
      </Layout.Header>
      {phone && (
        <div className="app-subheader">
          <UserBadge compact />
        </div>
      )}
      <Layout>
        {!phone && (
          <Layout.Sider width={260} theme="light" className="app-sider">
            <Navigation />
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          <RegionBar />
          <Outlet />
        </Layout.Content>
      </Layout>
      {phone && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={300}
          title={t('菜单', 'Menu')}
          extra={<LanguageSwitch />}
        >
          <Navigation onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}

export function AppLayout() {
  return (
    <RegionProvider>
      <Frame />
    </RegionProvider>
  );
}
