// The frame of a console dialog around one form: OK checks the fields, then runs the page's write
// with the button spinning. A failed write shows in the dialog, above the form, where the page's
// long forms stay filled for a second try ('alert'), or as a message for the short ones ('message').
// The page gives what is its own: the title, the text above the form, the fields and the write.
import { useState, type ReactNode } from 'react';
import { Alert, App, Form, Modal, type FormInstance, type FormProps, type ModalProps } from 'antd';
import { errorMessage } from '../../shared/api.ts';

export interface FormModalProps<V> {
  form: FormInstance<V>;
  title: ReactNode;
  okText: string;
  /** The write, with the checked fields; what it throws is shown as the failure. */
  onSubmit: (values: V) => Promise<void> | void;
  onCancel: () => void;
  /** left out: open from the moment it is rendered */
  open?: boolean;
  failure?: 'alert' | 'message';
  /** a failure shown in the dialog goes once a field changes (where the next pick is the fix) */
  clearFailureOnChange?: boolean;
  /** above the form (and above a failure shown in the dialog) */
  intro?: ReactNode;
  /** anything else the Modal takes (width, okButtonProps, destroyOnHidden, …) */
  modal?: Omit<ModalProps, 'open' | 'title' | 'okText' | 'onOk' | 'onCancel' | 'confirmLoading' | 'children'>;
  /** anything else the Form takes (initialValues, preserve, onValuesChange, …) */
  formProps?: Omit<FormProps<V>, 'form' | 'layout' | 'children'>;
  children: ReactNode;
}

export function FormModal<V>({ form, title, okText, onSubmit, onCancel, open = true, failure = 'alert', clearFailureOnChange, intro, modal, formProps, children }: FormModalProps<V>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit() {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
    } catch (err) {
      if (failure === 'alert') setError(errorMessage(err));
      else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      // a field that fails its check shows under the field: nothing more to say
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      confirmLoading={busy}
      {...modal}
    >
      {intro}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<V>
        form={form}
        layout="vertical"
        {...formProps}
        onValuesChange={(changed: Partial<V>, all: V) => {
          if (clearFailureOnChange) setError(undefined);
          formProps?.onValuesChange?.(changed, all);
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}
