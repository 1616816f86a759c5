// The console's 维权工单 screens, step by step, for the browser tests to chain (with the phone's
// screens in rights-screens.ts): the 12351 call form filled by keyboard only, the queue, and the
// steps on a ticket's detail — 受理, 转办 to a named handler, 办结 with ¥ recovered, 回访, 质检.
import type { APIRequestContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Call {
  phone: string;
  name: string;
  /** a label of the category row, e.g. 欠薪 (picked with the arrow keys from the first) */
  category: string;
  /** typed (not from the register): the town worked in is then picked by name */
  employerName: string;
  townName: string;
  description: string;
}

const categoryOrder = ['欠薪', '劳动合同', '社会保险', '工伤', '解除劳动关系', '职业病', '新业态权益', '其他'];

/**
 * The clerk enters a call on /tickets/new-call by keyboard only, from the queue's 登记来电 button;
 * answers the new ticket's id and the clicks it took (the mouse is used for that button only).
 */
export async function enterCallByKeyboard(page: Page, base: string, call: Call): Promise<{ ticketId: number; clicks: number }> {
  let clicks = 0;
  await page.goto(`${base}/console/tickets`);
  await page.getByRole('button', { name: '登记来电' }).click();
  clicks++;
  await page.waitForURL(/\/console\/tickets\/new-call$/);
  // the phone has the focus
  const phoneBox = page.getByRole('textbox', { name: '来电号码' });
  await expect.poll(() => phoneBox.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(call.phone);
  await page.getByText('非会员或不在本级范围内').waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.type(call.name);
  await page.keyboard.press('Tab'); // 诉求类型: 求助 already
  await page.keyboard.press('Tab'); // 问题类别: the first, then arrows
  await page.keyboard.press('Space');
  for (let i = 0; i < categoryOrder.indexOf(call.category); i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab'); // 工作单位: 用人单位 already
  await page.keyboard.press('Tab');
  await page.keyboard.type(call.employerName);
  await page.keyboard.press('Tab');
  await page.keyboard.type(call.townName);
  await page.locator('.ant-select-item-option-active', { hasText: call.townName }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // 难易程度: 一般 already
  await page.keyboard.press('Tab');
  await page.keyboard.type(call.description);
  await page.keyboard.press('Control+Enter');
  const saved = page.getByTestId('new-call-saved');
  await saved.waitFor();
  const href = await saved.getByRole('link').getAttribute('href');
  const ticketId = Number(href!.split('/').pop());
  // the form is clear for the next call, the phone focused again
  await expect.poll(() => phoneBox.inputValue()).toBe('');
  await expect.poll(() => phoneBox.evaluate((el) => el === document.activeElement)).toBe(true);
  return { ticketId, clicks };
}

/** Opens a ticket from the queue's tab (its row's number). */
export async function openFromQueue(page: Page, base: string, ticketId: number, tab: string): Promise<void> {
  await page.goto(`${base}/console/tickets`);
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  await page.getByTestId('ticket-queue').getByRole('button', { name: `查看工单 ${ticketId}` }).click();
  await page.waitForURL(new RegExp(`/console/tickets/${ticketId}$`));
  await page.getByTestId('ticket-title').waitFor();
}

async function submitModal(page: Page, ok: RegExp): Promise<void> {
  const modal = page.locator('.ant-modal:visible');
  await modal.locator('.ant-modal-footer').getByRole('button', { name: ok }).click();
  await modal.waitFor({ state: 'hidden' });
}

/** On a ticket's detail: 受理, 转办 to the named handler of the union, 办结 with the result and yuan recovered. */
export async function acceptAssignClose(page: Page, opts: { handler: string; result: string; yuan: string }): Promise<void> {
  await page.getByRole('button', { name: /^受\s*理$/ }).click();
  await submitModal(page, /确认受理/);
  await page.getByTestId('ticket-title').locator('..').getByText('办理中').waitFor();
  await page.getByRole('button', { name: /^转\s*办$/ }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByRole('combobox', { name: '经办人' }).click();
  await page.locator('.ant-select-item-option', { hasText: opts.handler }).click();
  await submitModal(page, /确认转办/);
  await page.getByTestId('ticket-info').getByText(opts.handler).waitFor();
  await page.getByRole('button', { name: /^办\s*结$/ }).click();
  await page.getByLabel('办理结果').fill(opts.result);
  await page.getByLabel('追回金额（元）').fill(opts.yuan);
  await submitModal(page, /确认办结/);
  await page.getByTestId('ticket-recovered').waitFor();
}

/** On a closed ticket's detail: 记录回访 (reached, satisfaction 1–5, a note). */
export async function recordCallback(page: Page, opts: { satisfaction: number; note: string }): Promise<void> {
  await page.getByRole('button', { name: '记录回访' }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.locator('.ant-radio-button-wrapper', { hasText: new RegExp(`^${opts.satisfaction} `) }).click();
  await modal.getByLabel('回访记录').fill(opts.note);
  await submitModal(page, /保存回访/);
  await page.getByTestId('ticket-followups').waitFor();
}

/** On a closed ticket's detail, as a reviewer above: 质检 — return it with a reason. */
export async function qualityReturn(page: Page, reason: string): Promise<void> {
  await page.getByRole('button', { name: /^质\s*检$/ }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.locator('.ant-radio-button-wrapper', { hasText: '退回重新办理' }).click();
  await modal.getByLabel('退回原因').fill(reason);
  await submitModal(page, /提交质检/);
}

/** The first town under a union named exactly `union` (id and name), found by the admin's API. */
export async function townUnder(r: APIRequestContext, base: string, adminToken: string, union: string): Promise<{ id: number; name: string }> {
  const auth = { authorization: `Bearer ${adminToken}` };
  const found = (await (await r.get(`${base}/api/orgs`, { params: { q: union }, headers: auth })).json()) as { items: { id: number; name: string }[] };
  const root = found.items.find((o) => o.name === union);
  if (!root) throw new Error(`no ${union}`);
  const town = (await (await r.get(`${base}/api/orgs`, { params: { rootId: root.id, level: 'town', pageSize: 1 }, headers: auth })).json()) as { items: { id: number; name: string }[] };
  if (!town.items[0]) throw new Error(`no town under ${union}`);
  return town.items[0];
}
