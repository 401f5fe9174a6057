import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { logout } from '../api/auth';
import { useSession } from '../hooks/useSession';
import { ROLE_LABEL } from '../utils/labels';

const soon = (label: string) => (
  <Space size={4}>
    {label}
    <Tag style={{ marginInlineEnd: 0 }}>即将上线</Tag>
  </Space>
);

const items: NonNullable<MenuProps['items']> = [
  {
    key: '/org',
    icon: <ApartmentOutlined />,
    label: (
      <Link id="menu-org" to="/org">
        组织架构
      </Link>
    ),
  },
  {
    key: '/integrations',
    icon: <ApiOutlined />,
    label: (
      <Link id="menu-integrations" to="/integrations">
        集成设置
      </Link>
    ),
  },
  {
    key: '/approvals',
    icon: <AuditOutlined />,
    label: (
      <Link id="menu-approvals" to="/approvals">
        审批
      </Link>
    ),
  },
  {
    key: '/leave',
    icon: <CalendarOutlined />,
    label: (
      <Link id="menu-leave" to="/leave">
        假期
      </Link>
    ),
  },
  {
    key: '/attendance',
    icon: <ClockCircleOutlined />,
    label: (
      <Link id="menu-attendance" to="/attendance">
        考勤
      </Link>
    ),
  },
  { type: 'divider' },
  { key: 'payslips', icon: <MoneyCollectOutlined />, label: soon('工资条'), disabled: true },
  { key: 'referrals', icon: <UserAddOutlined />, label: soon('内推'), disabled: true },
];

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = ['/org', '/integrations', '/approvals', '/leave', '/attendance'].find((key) => location.pathname.startsWith(key));
  const user = session?.user;

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={64} style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20, fontWeight: 600, fontSize: 18 }}>
          hrlink
        </div>
        <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} style={{ borderInlineEnd: 0 }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            paddingInline: 24,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
          }}
        >
          <Typography.Text strong data-testid="tenant-name">
            {user?.tenantName ?? ''}
          </Typography.Text>
          <Space size="middle">
            <Space size={6} data-testid="current-user">
              <UserOutlined />
              <span>{user?.displayName || user?.username}</span>
              {user?.role && <Tag>{ROLE_LABEL[user.role] ?? user.role}</Tag>}
            </Space>
            <Button id="logout" icon={<LogoutOutlined />} onClick={onLogout}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
