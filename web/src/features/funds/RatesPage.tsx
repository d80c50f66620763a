// 汇率: CNY per USD for each month, kept by the city office; used to check a fund entry's foreign part.
import { App as AntApp, Button, Card, DatePicker, Form, Input, Table } from 'antd';
import dayjs from 'dayjs';
import { formatRateE4, parseRateE4, type ExchangeRate } from '../../../../src/contracts/funds';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { usePutRate } from './api/put-rate';
import { useRates } from './api/get-rates';

export function RatesPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const rates = useRates();
  const put = usePutRate();
  const canWrite = useCan('exchange_rate.write');
  const [form] = Form.useForm();
  const submit = async (v: { period: dayjs.Dayjs; rate: string }) => {
    const period = v.period.format('YYYY-MM');
    const existing = rates.data?.find((r) => r.period === period);
    try {
      await put.mutateAsync({ period, cnyPerUsdE4: parseRateE4(v.rate)!, ...(existing ? { version: existing.version } : {}) });
      message.success(t(`${period} 汇率已保存`, 'Saved'));
      form.resetFields();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <Page
      title={t('美元汇率', 'USD exchange rates')}
      subTitle={t('每月 1 美元折合人民币元数，用于核对到位资金中的外资部分', 'CNY per USD for each month')}
    >
      {canWrite && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form form={form} layout="inline" onFinish={submit}>
            <Form.Item name="period" label={t('月份', 'Month')} rules={[{ required: true, message: t('请选择月份', 'Required') }]}>
              <DatePicker picker="month" format="YYYY-MM" />
            </Form.Item>
            <Form.Item
              name="rate"
              label={t('汇率（元/美元）', 'Rate (CNY/USD)')}
              rules={[
                { required: true, message: t('请填写', 'Required') },
                {
                  validator: (_, v: string) =>
                    !v || (parseRateE4(v) !== null && parseRateE4(v)! >= 10_000)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('如 7.1234，最多4位小数', 'e.g. 7.1234'))),
                },
              ]}
            >
              <Input placeholder="7.1234" style={{ width: 120 }} inputMode="decimal" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={put.isPending}>
              {t('保存', 'Save')}
            </Button>
          </Form>
        </Card>
      )}
      {rates.error && <LoadError error={rates.error} retry={() => rates.refetch()} />}
      <Table<ExchangeRate>
        size="small"
        rowKey="period"
        loading={rates.isLoading}
        dataSource={rates.data ?? []}
        pagination={{ pageSize: 24, hideOnSinglePage: true }}
        locale={{ emptyText: t('尚未录入汇率', 'No rates yet') }}
        onRow={(r) => ({
          onClick: () => canWrite && form.setFieldsValue({ period: dayjs(`${r.period}-01`), rate: formatRateE4(r.cnyPerUsdE4) }),
        })}
        columns={[
          { title: t('月份', 'Month'), dataIndex: 'period' },
          { title: t('汇率（元/美元）', 'CNY per USD'), align: 'right', render: (_, r) => formatRateE4(r.cnyPerUsdE4) },
          { title: t('更新时间', 'Updated'), render: (_, r) => r.updatedAt.slice(0, 16).replace('T', ' ') },
        ]}
      />
    </Page>
  );
}
