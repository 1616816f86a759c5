// A member's write asked for in a dialog first (取消报名, 撤回申请): the question, then the POST, then
// a toast — the success in the page's words, a refusal in the server's.
import { Toast } from 'antd-mobile';
import { confirmDialog } from './dialogs.ts';
import { errorMessage } from '../../shared/api.ts';

export interface ConfirmWrite {
  title: string;
  content: string;
  confirmText: string;
  /** the write itself (a typed api.post) */
  write: () => Promise<unknown>;
  /** the toast once it is done */
  done: string;
}

/** 'no' when the member did not confirm; else whether the server did it. */
export async function confirmWrite(w: ConfirmWrite): Promise<'no' | 'done' | 'failed'> {
  const ok = await confirmDialog({ title: w.title, content: w.content, confirmText: w.confirmText, cancelText: '再想想' });
  if (!ok) return 'no';
  try {
    await w.write();
    Toast.show({ icon: 'success', content: w.done });
    return 'done';
  } catch (err) {
    Toast.show({ icon: 'fail', content: errorMessage(err) });
    return 'failed';
  }
}
