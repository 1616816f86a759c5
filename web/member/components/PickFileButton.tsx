// The member kit's file picker: a button-looking label for a hidden file input (the phone offers the
// camera or its files), a hint beside it, one file or several at once. What was picked is handed over
// as it is (the caller judges it and shows it); the input is emptied so the same file can be picked again.
import './pick-file.css';
import { useId } from 'react';
import { CameraOutline } from 'antd-mobile-icons';

export interface PickFileButtonProps {
  /** the words on the button */
  label: string;
  /** the input's accessible name (the words on the button without what only sighted readers need) */
  inputLabel?: string;
  /** beside (or below) the button: what may be picked */
  hint?: string;
  /** MIME types, comma-separated */
  accept: string;
  multiple?: boolean;
  onPick: (files: File[]) => void;
}

export function PickFileButton({ label, inputLabel, hint, accept, multiple = false, onPick }: PickFileButtonProps) {
  const id = useId();
  return (
    <div className="m-pick">
      <label className="m-pick-button" htmlFor={id}>
        <CameraOutline aria-hidden /> {label}
      </label>
      {hint && <span className="m-pick-hint">{hint}</span>}
      <input
        id={id}
        type="file"
        multiple={multiple}
        accept={accept}
        className="m-pick-input"
        aria-label={inputLabel ?? label}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) onPick(files);
        }}
      />
    </div>
  );
}
