// 银行卡: the account the union pays bank payouts into — shown masked; recorded or changed with the
// bank (开户行) and the number, checked here as the server checks it (digits, Luhn for card numbers).
import './payouts.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Input, List, Toast } from 'antd-mobile';
import { confirmDialog } from '../components/dialogs.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { MemberOnlyBody, useMemberData } from '../components/ApplicationState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { formatDateTime } from '../../shared/format.ts';

function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
    sum += x;
  }
  return sum % 10 === 0;
}

/** The same rule as the server: 12–25 digits; bank card numbers (62…, 4…, 51–55…, 16–19 digits) carry a Luhn digit. */
function accountProblem(digits: string): string | undefined {
  if (!/^[0-9]{12,25}$/.test(digits)) return '银行账号应为 12–25 位数字';
  if (/^(62|4|5[1-5])/.test(digits) && digits.length >= 16 && digits.length <= 19 && !luhn(digits)) return '卡号校验不通过，请逐位核对';
  return undefined;
}

/** 6222021234567890128 → "6222 0212 3456 7890 128" while typing. */
const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

export function BankAccountPage() {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [bankName, setBankName] = useState('');
  const [digits, setDigits] = useState('');
  const [formProblem, setFormProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const state = useMemberData(
    () => api.get('/api/me/bank-account'),
    (got) => setEditing(got.account === null),
  );

  async function save() {
    setFormProblem(undefined);
    if (bankName.trim().length < 2) return setFormProblem('请填写开户行，如“中国工商银行化州支行”');
    const bad = accountProblem(digits);
    if (bad) return setFormProblem(bad);
    const ok = await confirmDialog({
      title: '确认银行卡',
      content: (
        <div>
          <div>{bankName.trim()}</div>
          <div style={{ fontSize: 18, fontWeight: 600, margin: '6px 0' }}>{grouped(digits)}</div>
          <div>须为本人名下的账户，户名与会员姓名不符将转账失败。</div>
        </div>
      ),
      confirmText: '确认保存',
      cancelText: '返回修改',
    });
    if (!ok) return;
    setBusy(true);
    try {
      const saved = await api.put('/api/me/bank-account', { body: { bankName: bankName.trim(), accountNumber: digits } });
      state.setData(saved);
      setEditing(false);
      setDigits('');
      Toast.show({ icon: 'success', content: '已保存' });
    } catch (err) {
      setFormProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const account = state.data?.account ?? null;
  return (
    <MemberScreen title="银行卡" onBack={() => navigate(-1)}>
      <MemberOnlyBody state={state} what="登记收款银行卡">
        {() => (
          <>
            {account && (
              <section className="m-card">
                <div className="ba-current" data-testid="bank-account">
                  <div className="ba-bank">{account.bankName}</div>
                  <div className="ba-number">{account.accountMasked}</div>
                  <div className="ba-updated">更新于 {formatDateTime(account.updatedAt)}</div>
                </div>
                {!editing && (
                  <Button block fill="outline" shape="rounded" style={{ marginTop: 12 }} onClick={() => setEditing(true)}>
                    更换银行卡
                  </Button>
                )}
              </section>
            )}
            {editing && (
              <section className="m-card ba-form" data-testid="bank-account-form">
                <h2 className="m-section-title">{account ? '更换收款银行卡' : '登记收款银行卡'}</h2>
                <List>
                  <List.Item prefix="开户行">
                    <Input placeholder="如：中国工商银行化州支行" value={bankName} onChange={setBankName} maxLength={60} aria-label="开户行" clearable />
                  </List.Item>
                  <List.Item prefix="卡号">
                    <Input
                      inputMode="numeric"
                      placeholder="本人名下的银行卡号"
                      value={grouped(digits)}
                      onChange={(v) => setDigits(v.replace(/\D/g, '').slice(0, 25))}
                      aria-label="银行卡号"
                      clearable
                    />
                  </List.Item>
                </List>
                {formProblem && (
                  <div className="ba-problem" role="alert">
                    {formProblem}
                  </div>
                )}
                <Button block color="primary" shape="rounded" loading={busy} disabled={busy} style={{ marginTop: 12 }} onClick={() => void save()}>
                  保存
                </Button>
                {account && (
                  <Button block fill="none" style={{ marginTop: 4 }} onClick={() => setEditing(false)}>
                    取消
                  </Button>
                )}
              </section>
            )}
            <div className="m-card ba-note">
              工会的补助、助学金等通过银行转账发放到这张卡。卡号加密保存，页面只显示前 4 位和后 4 位；工作人员也只能看到脱敏后的卡号。更换后，尚未发出的转账将转到新卡。
            </div>
          </>
        )}
      </MemberOnlyBody>
    </MemberScreen>
  );
}
