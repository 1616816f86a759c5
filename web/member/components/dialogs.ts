// The member site's dialogs (确认, 告知): antd-mobile's Dialog.confirm and Dialog.alert made usable
// without sight — the dialog named (its title, else its words, else `label`) and modal, the focus
// moved onto its first button when it opens and given back to what opened it when it closes.
// Every member page asks through these, never through Dialog directly.
import { Dialog, type DialogAlertProps, type DialogConfirmProps } from 'antd-mobile';

interface Named {
  /** The dialog's name when its title is not plain words (or it has none). */
  label?: string;
}

/** The dialog just opened: the last one in the document. */
function openDialog(): HTMLElement | undefined {
  const all = document.querySelectorAll<HTMLElement>('.adm-dialog [role="dialog"]');
  return all[all.length - 1];
}

function accessible<P extends DialogAlertProps | DialogConfirmProps>(props: P & Named): P {
  const { label, ...rest } = props;
  const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined;
  const name = label ?? (typeof rest.title === 'string' ? rest.title : typeof rest.content === 'string' ? rest.content : undefined);
  return {
    ...(rest as P),
    ...(name ? { 'aria-label': name } : {}),
    afterShow: () => {
      rest.afterShow?.();
      const dialog = openDialog();
      if (!dialog) return;
      dialog.setAttribute('aria-modal', 'true');
      dialog.querySelector<HTMLElement>('button')?.focus();
    },
    afterClose: () => {
      rest.afterClose?.();
      if (opener?.isConnected) opener.focus();
    },
  };
}

/** Asks; true when the member confirmed. */
export function confirmDialog(props: DialogConfirmProps & Named): Promise<boolean> {
  return Dialog.confirm(accessible(props));
}

/** Tells; resolves when it is closed. */
export function alertDialog(props: DialogAlertProps & Named): Promise<void> {
  return Dialog.alert(accessible(props));
}
