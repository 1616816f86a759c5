// One form's write (a reason, a resubmission, an objection …) in either app: busy while it runs, and
// the refusal in words to show beside the form. `submit(write)` clears the last refusal first.
import { useCallback, useState } from 'react';
import { errorMessage } from './api.ts';

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = useCallback(async (write: () => Promise<void>) => {
    setProblem(undefined);
    setBusy(true);
    try {
      await write();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, setProblem, submit };
}
