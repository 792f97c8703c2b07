// The state of a village's month above its people: where it stands in the workflow, the deadlines
// of the policy in force, who submitted and reviewed it, why it was returned or reopened, and the
// actions the user may take (报送 / 退回 / 审核通过 / 重新打开).
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Progress, Space } from 'antd';
import { useState } from 'react';
import type { ReportAction } from '../../../src/modules/monitoring/monitoring.rules';
import { ApiError } from '../api/client';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { monitoringApi, type VillageMonth } from './monitoringApi';
import type { MonthPowers } from './powers';
import { ReasonDialog } from './ReasonDialog';
import { StatusTag, TimelinessTag } from './StatusTags';

interface Props {
  month: VillageMonth;
  powers: MonthPowers;
  onChanged: () => void;
}

export function MonthState({ month, powers, onChanged }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ReportAction>();
  const [asking, setAsking] = useState<'return' | 'reopen'>();
  const total = month.people.length;
  const missing = total - month.recorded;

  async function act(action: ReportAction, reason?: string) {
    setBusy(action);
    try {
      await monitoringApi.act(month.village.code, month.month, action, reason);
      const done = {
        submit: t('已报送，等待乡镇审核', 'Submitted for the town to review'),
        return: t('已退回村里修改', 'Returned to the village'),
        accept: t('已审核通过，本月记录已锁定', 'Accepted; the month is locked'),
        reopen: t('已重新打开，村里可以修改', 'Reopened; the village can change it'),
      }[action];
      message.success(done);
      setAsking(undefined);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code !== 'auth.required') message.error(e.title);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Card className="month-state" data-testid="month-state">
      <Flex wrap gap={16} justify="space-between" align="flex-start">
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <StatusTag status={month.status} />
            {month.status !== 'open' || month.timeliness !== 'pending' ? (
              <TimelinessTag timeliness={month.timeliness} />
            ) : null}
          </Space>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="month-facts">
            <Descriptions.Item label={t('村报送截止', 'Village submits by')}>
              <span data-testid="submit-by">{formatDate(month.submitBy)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('乡镇审核截止', 'Town reviews by')}>
              {formatDate(month.reviewBy)}
            </Descriptions.Item>
            {month.submittedAt && (
              <Descriptions.Item label={t('报送', 'Submitted')}>
                {month.submittedBy ?? '—'} · {formatDateTime(month.submittedAt)}
              </Descriptions.Item>
            )}
            {month.reviewedAt && (
              <Descriptions.Item label={t('审核', 'Reviewed')}>
                {month.reviewedBy ?? '—'} · {formatDateTime(month.reviewedAt)}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Space>
        <div className="month-progress" data-testid="month-progress">
          <div className="month-progress-text">
            {t('已回访', 'Followed up')} <strong>{formatNumber(month.recorded)}</strong> /{' '}
            {formatNumber(total)}
          </div>
          <Progress
            percent={total ? Math.floor((month.recorded / total) * 100) : 0}
            size="small"
            status={missing === 0 ? 'success' : 'active'}
          />
        </div>
      </Flex>

      {month.status === 'returned' && month.returnReason && (
        <Alert
          type="warning"
          showIcon
          className="month-alert"
          data-testid="return-reason"
          title={t('乡镇已退回，请修改后重新报送', 'Returned by the town: correct and submit again')}
          description={`${t('退回原因', 'Reason')}：${month.returnReason}`}
        />
      )}
      {month.status === 'open' && month.reopenReason && (
        <Alert
          type="info"
          showIcon
          className="month-alert"
          data-testid="reopen-reason"
          title={t('本月已由县级重新打开', 'Reopened by the county')}
          description={`${t('原因', 'Reason')}：${month.reopenReason}`}
        />
      )}
      {month.status === 'submitted' && (
        <Alert
          type="info"
          showIcon
          className="month-alert"
          title={t(
            '已报送，等待乡镇审核；如需修改，请乡镇退回',
            'Submitted and waiting for the town; ask the town to return it for changes',
          )}
        />
      )}
      {month.status === 'accepted' && (
        <Alert
          type="success"
          showIcon
          className="month-alert"
          title={t(
            '已审核通过，本月记录已锁定（只读）；如需更正，请县级重新打开',
            'Accepted and locked (read-only); the county can reopen it for corrections',
          )}
        />
      )}

      <Flex wrap gap={8} className="month-actions">
        {powers.submit && (
          <Popconfirm
            title={
              missing > 0
                ? t(
                    `还有 ${missing} 人未回访，仍要报送吗？`,
                    `${missing} people are not followed up yet. Submit anyway?`,
                  )
                : t('确认报送本月回访？', 'Submit this month?')
            }
            okText={t('报送', 'Submit')}
            cancelText={t('取消', 'Cancel')}
            onConfirm={() => act('submit')}
          >
            <Button type="primary" loading={busy === 'submit'} data-testid="action-submit">
              {month.status === 'returned' ? t('重新报送', 'Submit again') : t('报送', 'Submit')}
            </Button>
          </Popconfirm>
        )}
        {powers.accept && (
          <Popconfirm
            title={t('确认审核通过？通过后本月记录锁定', 'Accept? The month will be locked')}
            okText={t('通过', 'Accept')}
            cancelText={t('取消', 'Cancel')}
            onConfirm={() => act('accept')}
          >
            <Button type="primary" loading={busy === 'accept'} data-testid="action-accept">
              {t('审核通过', 'Accept')}
            </Button>
          </Popconfirm>
        )}
        {powers.return && (
          <Button danger onClick={() => setAsking('return')} data-testid="action-return">
            {t('退回', 'Return')}
          </Button>
        )}
        {powers.reopen && (
          <Button onClick={() => setAsking('reopen')} data-testid="action-reopen">
            {t('重新打开', 'Reopen')}
          </Button>
        )}
      </Flex>
      <ReasonDialog
        open={asking !== undefined}
        title={
          asking === 'return'
            ? t('退回村里修改', 'Return to the village')
            : t('重新打开本月', 'Reopen this month')
        }
        saving={busy !== undefined}
        onCancel={() => setAsking(undefined)}
        onOk={(reason) => asking && act(asking, reason)}
      />
    </Card>
  );
}
