// 目标任务分解: an administrator enters a year's target for the region and its breakdown to the
// child regions — typed into the table, or pasted / uploaded as the annex table officials already
// have (地区 + 目标, like seed 001's annex). Checked as typed with the server's own rule (children may
// not exceed the parent); a refusal from the server is shown at the row it names.
import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { checkBreakdown } from '../../../src/modules/monitoring/monitoring.rules';
import { targetMeasure } from '../../../src/modules/stats/stats.codes';
import { parseBreakdownTable } from '../../../src/modules/stats/stats.rules';
import { ApiError } from '../api/client';
import { regions } from '../api/endpoints';
import type { RegionRef } from '../api/types';
import { SaveProblem } from '../common/SaveProblem';
import { applyServerErrors } from '../common/serverErrors';
import { codeOptions, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { type Progress, statsApi, type TargetMeasure } from './statsApi';

interface Values {
  year: number;
  measure: TargetMeasure;
  cooperationName?: string;
  value: number | null;
  source?: string;
  children: { region: string; value: number | null }[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  region: RegionRef;
  year: number;
  progress: Progress | undefined;
}

export function TargetEditor({ open, onClose, onSaved, region, year, progress }: Props) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ApiError>();
  const [pasted, setPasted] = useState('');
  const measure = Form.useWatch('measure', form);
  const parent = Form.useWatch('value', form);
  const rows = Form.useWatch('children', form) ?? [];

  // The child regions with their current targets for the chosen measure.
  const fill = async (chosen: TargetMeasure) => {
    const children = await regions.children(region.code).catch(() => []);
    const current = (code: string) =>
      progress?.year === year
        ? (progress.items.find((i) => i.region.code === code && i.measure === chosen)?.target ?? null)
        : null;
    form.setFieldsValue({
      value: current(region.code),
      children: children.map((c) => ({ region: c.name, value: current(c.code) })),
    });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the drawer opens
  useEffect(() => {
    if (!open) return;
    setProblem(undefined);
    setPasted('');
    form.resetFields();
    form.setFieldsValue({ year, measure: 'relocatedEmployed', cooperationName: '京蒙' });
    void fill('relocatedEmployed');
  }, [open]);

  const applyTable = (text: string) => {
    const table = parseBreakdownTable(text);
    if (!table.total && table.children.length === 0) {
      message.warning(t('没有读到“地区 + 目标”的行', 'No "region + target" lines found'));
      return;
    }
    form.setFieldsValue({
      ...(table.total ? { value: table.total.value } : {}),
      children: table.children.map((c) => ({ region: c.region, value: c.value })),
    });
    message.success(
      t(`已读入 ${table.children.length} 个下级地区`, `Read ${table.children.length} sub-regions`),
    );
  };

  const values = rows.map((r) => r?.value ?? 0).filter((v): v is number => typeof v === 'number');
  const check = typeof parent === 'number' ? checkBreakdown(parent, values) : null;
  const sum = values.reduce((a, b) => a + b, 0);

  const save = async (v: Values) => {
    setSaving(true);
    setProblem(undefined);
    try {
      const result = await statsApi.setTargets({
        year: v.year,
        measure: v.measure,
        ...(v.measure === 'cooperationEmployed' ? { cooperationName: v.cooperationName ?? '' } : {}),
        region: region.code,
        value: v.value ?? 0,
        children: (v.children ?? [])
          .filter((c) => c.region?.trim() && typeof c.value === 'number')
          .map((c) => ({ region: c.region.trim(), value: c.value as number })),
        ...(v.source?.trim() ? { source: v.source.trim() } : {}),
      });
      message.success(
        t(
          `已保存 ${result.rows} 个地区的目标，未分解 ${formatNumber(result.undistributed)}`,
          `Saved ${result.rows} targets; ${formatNumber(result.undistributed)} not broken down`,
        ),
      );
      onSaved();
    } catch (error) {
      if (error instanceof ApiError) {
        setProblem(error);
        applyServerErrors(form, error);
      } else throw error;
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      title={`${region.name} · ${t('设置目标任务及分解', 'Set targets and breakdown')}`}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={saving}
          disabled={check?.ok === false}
          onClick={() => form.submit()}
          data-testid="save-targets"
        >
          {t('保存', 'Save')}
        </Button>
      }
    >
      {problem && <SaveProblem error={problem} />}
      <Form<Values> form={form} layout="vertical" onFinish={save} data-testid="target-form">
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="measure" label={t('指标', 'Measure')} rules={[{ required: true }]}>
              <Select options={codeOptions(targetMeasure, lang)} onChange={(m) => void fill(m)} />
            </Form.Item>
          </Col>
          {measure === 'cooperationEmployed' && (
            <Col xs={12} sm={8}>
              <Form.Item
                name="cooperationName"
                label={t('协作名称', 'Cooperation')}
                rules={[{ required: true, message: t('请填写协作名称，如 京蒙', 'Name it, e.g. 京蒙') }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="value"
          label={`${region.name} ${t('本级目标', 'target')}`}
          rules={[{ required: true, message: t('请填写本级目标', 'Enter the target') }]}
        >
          <InputNumber min={0} precision={0} style={{ width: 200 }} aria-label={t('本级目标', 'Target')} />
        </Form.Item>
        <Form.Item name="source" label={t('依据文件', 'Source document')}>
          <Input maxLength={200} placeholder={t('如：通辽市2022年就业帮扶目标任务', 'e.g. the notice')} />
        </Form.Item>

        <Typography.Title level={5}>
          {t('粘贴或上传分解表', 'Paste or upload the breakdown table')}
        </Typography.Title>
        <Input.TextArea
          rows={4}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          aria-label={t('粘贴分解表', 'Paste the table')}
          placeholder={t(
            '从 Excel 或 Word 复制“地区 + 目标”两列粘贴到这里，如：\n全市合计\t1000\n科左中旗\t400',
            'Paste two columns from Excel or Word: region and target',
          )}
          data-testid="paste-table"
        />
        <Space style={{ margin: '8px 0 16px' }} wrap>
          <Button onClick={() => applyTable(pasted)} disabled={!pasted.trim()} data-testid="apply-paste">
            {t('读入粘贴的表', 'Read the pasted table')}
          </Button>
          <Upload
            accept=".csv,.txt,.tsv"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then(applyTable);
              return false;
            }}
          >
            <Button icon={<InboxOutlined />}>{t('上传 .csv/.txt 分解表', 'Upload a .csv/.txt table')}</Button>
          </Upload>
        </Space>

        <Typography.Title level={5}>{t('下级地区目标', 'Targets of the sub-regions')}</Typography.Title>
        {check && !check.ok && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="breakdown-problem"
            title={t(
              `下级目标合计 ${formatNumber(check.problem.children)}，超过本级目标 ${formatNumber(check.problem.parent)}`,
              `The sub-regions add up to ${formatNumber(check.problem.children)}, more than the target ${formatNumber(check.problem.parent)}`,
            )}
          />
        )}
        {check?.ok && (
          <Typography.Paragraph type="secondary">
            {t(
              `下级合计 ${formatNumber(sum)}，未分解 ${formatNumber(check.undistributed)}`,
              `Sub-regions ${formatNumber(sum)}; ${formatNumber(check.undistributed)} not broken down`,
            )}
          </Typography.Paragraph>
        )}
        <Form.List name="children">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'region']} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('地区（可写简称，如 科左中旗）', 'Region (short names work)')} />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item name={[field.name, 'value']} style={{ marginBottom: 8 }}>
                      <InputNumber
                        min={0}
                        precision={0}
                        style={{ width: '100%' }}
                        placeholder={t('目标', 'Target')}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="40px">
                    <Button type="text" onClick={() => remove(field.name)} aria-label={t('删除', 'Remove')}>
                      ×
                    </Button>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" onClick={() => add({ region: '', value: null })} block>
                {t('添加一行', 'Add a row')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
