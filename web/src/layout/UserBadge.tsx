// Who is working and where: display name, role label and the account's region, always on screen.
import { EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import { useUser } from '../auth/AuthContext';
import { useLang } from '../i18n/lang';

export function UserBadge({ compact = false }: { compact?: boolean }) {
  const user = useUser();
  const { lang } = useLang();
  return (
    <span className={compact ? 'user-badge user-badge-compact' : 'user-badge'} data-testid="user-badge">
      <span className="user-badge-name">
        <UserOutlined /> {user.displayName}
      </span>
      <span className="user-badge-role">{user.roleLabel[lang]}</span>
      {user.region && (
        <span className="user-badge-region">
          <EnvironmentOutlined /> {user.region.name}
        </span>
      )}
    </span>
  );
}
