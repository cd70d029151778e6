import { useId } from 'react';
import type { SignatureList } from '../../api/contract';
import { useT } from '../../i18n/react';

export interface SignaturePickerProps {
  signatures: SignatureList['items'];
  /** The signature in the message now; null for none. */
  value: string | null;
  onChange(signatureId: string | null): void;
  disabled?: boolean;
}

/**
 * Chooses the signature in the message. Picking one replaces the one in the body (never a second
 * copy) and becomes the default for new messages; the window does both through the model.
 */
export function SignaturePicker({ signatures, value, onChange, disabled }: SignaturePickerProps) {
  const id = useId();
  const t = useT();
  if (signatures.length === 0) return null;
  return (
    <div className="signature-picker">
      <label className="field-label" htmlFor={id}>
        {t('compose.signature')}
      </label>
      <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">{t('compose.noSignature')}</option>
        {signatures.map((signature) => (
          <option key={signature.id} value={signature.id}>
            {signature.name}
          </option>
        ))}
      </select>
    </div>
  );
}
