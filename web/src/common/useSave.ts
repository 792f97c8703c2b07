// The save cycle of every form, after the form's own rules (the server's, shared) have passed: send;
// on a refusal put the server's field errors at the fields and keep every value the user typed.
import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import { useLang } from '../i18n/lang';
import { applyServerErrors, scrollToFirstError } from './serverErrors';

/** One message slot per form: a new outcome replaces the last instead of stacking up. */
const key = 'form-save';

export function useSave(form: FormInstance) {
  const { message } = App.useApp();
  const { t } = useLang();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ApiError>();

  /** For Form.onFinishFailed: the form's rules refused; say so and show the first field. */
  const warnInvalid = useCallback(() => {
    scrollToFirstError(form);
    message.warning({
      key,
      content: t('请按红色提示修改后再保存', 'Fix the fields marked in red, then save'),
    });
  }, [form, message, t]);

  const send = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      setSaving(true);
      setProblem(undefined);
      try {
        return await action();
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
        if (error.code !== 'auth.required') {
          setProblem(error);
          applyServerErrors(form, error);
          message.error({ key, content: error.title });
        }
        return undefined;
      } finally {
        setSaving(false);
      }
    },
    [form, message],
  );

  return { saving, problem, setProblem, warnInvalid, send };
}
