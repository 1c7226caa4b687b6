import { useId, type HTMLAttributes } from 'react';

interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** A write-only secret: a password field that the browser must not autofill or remember. */
  readonly secret?: boolean;
  readonly hint?: string | undefined;
  readonly placeholder?: string | undefined;
  readonly required?: boolean;
  readonly type?: 'text' | 'url';
  readonly list?: string;
  readonly inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
}

/** A labelled input for a two-column form grid (label, then field and its hint). */
export function TextField({
  label,
  value,
  onChange,
  secret,
  hint,
  placeholder,
  required,
  type,
  list,
  inputMode,
}: TextFieldProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <input
          id={id}
          type={secret ? 'password' : (type ?? 'text')}
          autoComplete={secret ? 'new-password' : 'off'}
          spellCheck={false}
          value={value}
          placeholder={placeholder}
          required={required}
          list={list}
          inputMode={inputMode}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {hint ? (
          <p id={`${id}-hint`} className="help">
            {hint}
          </p>
        ) : null}
      </div>
    </>
  );
}
