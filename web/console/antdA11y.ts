// What antd 5 leaves out for a screen reader, added where it renders, so every page built from antd
// gets it without thinking of it (docs/design/accessibility.md, "Console"). Each fix is one small
// function over the elements antd draws; a MutationObserver applies them to what is added or
// changed. Remove a fix once antd does it itself.
//
// 1. Icons. @ant-design/icons names each icon by its English file name (<span role="img"
//    aria-label="download">), so a menu entry reads "dashboard 工作台" and a button "download 导出
//    Excel". An icon beside words, or outside any control, is decoration: hidden. An icon that is a
//    control's only content is left as it is; such a control carries its own Chinese aria-label.
// 2. Required fields. Form.Item puts aria-required on its control. On an input that is right; on
//    the <div> of a Radio.Group, a Checkbox.Group or a Select it is not allowed, and those groups
//    have no name at all (the label's for= points at a div). A radio group becomes a radiogroup, a
//    checkbox group a group, each named by its label; a Select's aria-required moves to its input.
// 3. Tabs. The tablist also holds the overflow button (on a narrow screen) and the bar's extra
//    content, which a tablist may not: the role moves to the list of tabs inside it.
// 4. Date ranges. A RangePicker's second box has no label (the form label points at the first),
//    only its placeholder: it is named by the label and the placeholder (活动时间 活动结束). The
//    arrow between the boxes is named "to" with no role: its name goes, the arrow is decoration.
// 5. Focus back. A dialog gives the focus back to what opened it when it closes — but most pages
//    unmount a dialog as it closes ({open && <FormModal …/>}), and then antd never does, leaving the
//    focus on the page's body: a keyboard user starts again from the top. So the last control
//    focused outside a pop-up is remembered, and when a dialog or drawer leaves the page with the
//    focus lost, it goes back there.
// 6. Focus into a drawer. A Drawer puts the focus on its outer box, outside its role="dialog", so a
//    screen reader does not say which dialog opened: the focus moves on to the dialog itself.
// 7. A table's row selection: a row's checkbox has no name, the header's is English (Select all).
//    The header's is 全选本页, a row's 选择 and the row's first cell (选择：张三).

const ICON = '.anticon[role="img"]';
const CONTROL = 'button, a, [role="button"], [role="menuitem"], [role="tab"], [role="option"], [role="checkbox"], [role="switch"]';

function hideDecorativeIcon(icon: Element): void {
  if (icon.getAttribute('aria-hidden') === 'true' || icon.hasAttribute('tabindex')) return;
  const control = icon.parentElement?.closest(CONTROL);
  if (control && !(control.textContent ?? '').trim()) return;
  icon.setAttribute('aria-hidden', 'true');
}

/** The text of the form item's label for the control with this id. */
function labelOf(id: string): HTMLLabelElement | null {
  return id ? document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(id)}"]`) : null;
}

function nameByLabel(group: Element): void {
  if (group.hasAttribute('aria-labelledby') || group.hasAttribute('aria-label')) return;
  const label = labelOf(group.id);
  if (!label) return;
  if (!label.id) label.id = `${group.id}-label`;
  group.setAttribute('aria-labelledby', label.id);
}

function fixGroup(group: Element): void {
  if (group.matches('.ant-radio-group')) {
    if (!group.hasAttribute('role')) group.setAttribute('role', 'radiogroup');
    nameByLabel(group);
  } else if (group.matches('.ant-checkbox-group')) {
    if (!group.hasAttribute('role')) group.setAttribute('role', 'group');
    // a group cannot be required; the label's star and the message under the field say it
    group.removeAttribute('aria-required');
    nameByLabel(group);
  } else if (group.matches('.ant-select') && group.hasAttribute('aria-required')) {
    const input = group.querySelector('input[role="combobox"]');
    input?.setAttribute('aria-required', group.getAttribute('aria-required') ?? 'true');
    group.removeAttribute('aria-required');
  }
}

function fixTabList(nav: Element): void {
  const list = nav.querySelector(':scope > .ant-tabs-nav-wrap > .ant-tabs-nav-list');
  if (!list) return;
  list.setAttribute('role', 'tablist');
  const orientation = nav.getAttribute('aria-orientation');
  if (orientation) list.setAttribute('aria-orientation', orientation);
  nav.removeAttribute('role');
  nav.removeAttribute('aria-orientation');
}

function fixRangePicker(picker: Element): void {
  picker.querySelector('.ant-picker-separator[aria-label]')?.removeAttribute('aria-label');
  const label = picker.closest('.ant-form-item')?.querySelector('.ant-form-item-label label')?.textContent?.trim() ?? '';
  picker.querySelectorAll('input').forEach((input) => {
    const named = input.hasAttribute('aria-label') || input.hasAttribute('aria-labelledby') || (input.id && labelOf(input.id));
    const words = [label, input.placeholder].filter(Boolean).join(' ');
    if (!named && words) input.setAttribute('aria-label', words);
  });
}

const POPUP = '[role="dialog"], .ant-modal-root, .ant-modal-wrap, .ant-drawer, .ant-dropdown, .ant-select-dropdown, .ant-picker-dropdown, .ant-popover';
const DIALOG = '[role="dialog"], .ant-modal-root, .ant-drawer';

let lastOutside: HTMLElement | null = null;

function onFocusIn(e: FocusEvent): void {
  const el = e.target;
  if (!(el instanceof HTMLElement) || el === document.body) return;
  if (!el.closest(POPUP)) lastOutside = el;
  else if (el.matches('.ant-drawer')) {
    const dialog = el.querySelector<HTMLElement>('[role="dialog"]');
    if (dialog) {
      dialog.tabIndex = -1;
      dialog.focus({ preventScroll: true });
    }
  }
}

function returnFocus(removed: Node[]): void {
  const lost = document.activeElement === null || document.activeElement === document.body;
  if (!lost || !lastOutside?.isConnected) return;
  if (removed.some((n) => n instanceof Element && (n.matches(DIALOG) || n.querySelector(DIALOG) !== null))) lastOutside.focus();
}

function nameSelection(input: HTMLInputElement): void {
  if (input.closest('thead')) {
    if (input.getAttribute('aria-label') !== '全选本页') input.setAttribute('aria-label', '全选本页');
    return;
  }
  if (input.hasAttribute('aria-label')) return;
  const row = input.closest('tr');
  const cell = row ? [...row.cells].find((c) => !c.classList.contains('ant-table-selection-column')) : undefined;
  const words = (cell?.textContent ?? '').trim();
  input.setAttribute('aria-label', words ? `选择：${words}` : '选择本行');
}

const GROUPS = '.ant-radio-group, .ant-checkbox-group, .ant-select[aria-required]';
const TABLISTS = '.ant-tabs-nav[role="tablist"]';

function fixWithin(root: Element): void {
  const all = <E extends Element = Element>(selector: string): E[] => [...(root.matches(selector) ? [root as E] : []), ...root.querySelectorAll<E>(selector)];
  all(ICON).forEach(hideDecorativeIcon);
  all(GROUPS).forEach(fixGroup);
  all(TABLISTS).forEach(fixTabList);
  all('.ant-picker-range').forEach(fixRangePicker);
  all<HTMLInputElement>('.ant-table-selection-column input[type="checkbox"]').forEach(nameSelection);
}

/** Applies the fixes to what is on the page and to whatever antd adds or changes later. */
export function installAntdA11y(root: HTMLElement = document.body): () => void {
  fixWithin(root);
  document.addEventListener('focusin', onFocusIn);
  const observer = new MutationObserver((records) => {
    returnFocus(records.flatMap((r) => [...r.removedNodes]));
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element) fixWithin(r.target);
        continue;
      }
      // a control whose words changed may now hold an icon beside words
      const target = r.target instanceof Element ? r.target : r.target.parentElement;
      if (target && r.addedNodes.length > 0) {
        const control = target.closest(CONTROL);
        if (control) fixWithin(control);
      }
      r.addedNodes.forEach((n) => {
        if (n instanceof Element) fixWithin(n);
      });
    }
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-required', 'role'] });
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', onFocusIn);
  };
}
