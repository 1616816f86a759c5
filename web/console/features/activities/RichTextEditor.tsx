// A small rich-text box for activity descriptions: bold, italic, underline, a subheading, bulleted
// and numbered lists, a link, and clearing. It is a contentEditable area driven by the browser's
// own editing commands — no editor library — and pasted text arrives plain (no Word or web page
// styles). The server keeps a safe subset of the HTML (rules.ts sanitizeDescription); the tags
// offered here are all in it.
import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { BoldOutlined, ClearOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnderlineOutlined, UnorderedListOutlined } from '@ant-design/icons';

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
}

function run(command: string, arg?: string): void {
  // execCommand is deprecated but still the one way every browser edits contentEditable text
  document.execCommand(command, false, arg);
}

export function RichTextEditor({ value, onChange, placeholder, id, ...rest }: Props) {
  const box = useRef<HTMLDivElement>(null);

  // Take outside values (a reset, a template) without moving the caret on every keystroke.
  useEffect(() => {
    const el = box.current;
    if (el && (value ?? '') !== el.innerHTML) el.innerHTML = value ?? '';
  }, [value]);

  const emit = () => {
    const el = box.current;
    if (!el) return;
    const html = el.innerText.trim() === '' ? '' : el.innerHTML;
    onChange?.(html);
  };

  // a button with an icon, or with a word (标题, 正文) when it has none
  const tool = (title: string, icon: ReactNode, act: () => void, word?: string) => (
    <Tooltip title={title} key={title}>
      <Button
        size="small"
        type="text"
        icon={icon}
        aria-label={title}
        onMouseDown={(e) => e.preventDefault() /* keep the selection in the text */}
        onClick={() => {
          box.current?.focus();
          act();
          emit();
        }}
      >
        {word}
      </Button>
    </Tooltip>
  );

  return (
    <div className="rte">
      <Space size={2} className="rte-toolbar" wrap>
        {tool('加粗', <BoldOutlined />, () => run('bold'))}
        {tool('斜体', <ItalicOutlined />, () => run('italic'))}
        {tool('下划线', <UnderlineOutlined />, () => run('underline'))}
        {tool('小标题', undefined, () => run('formatBlock', 'h4'), '标题')}
        {tool('正文', undefined, () => run('formatBlock', 'p'), '正文')}
        {tool('项目列表', <UnorderedListOutlined />, () => run('insertUnorderedList'))}
        {tool('编号列表', <OrderedListOutlined />, () => run('insertOrderedList'))}
        {tool('插入链接', <LinkOutlined />, () => {
          const url = window.prompt('链接地址（以 https:// 开头）', 'https://');
          if (url && /^https?:\/\/\S+$/.test(url)) run('createLink', url);
        })}
        {tool('清除格式', <ClearOutlined />, () => {
          run('removeFormat');
          run('formatBlock', 'p');
        })}
      </Space>
      <div
        ref={box}
        id={id}
        className="rte-body"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-label={rest['aria-label']}
        data-placeholder={placeholder}
        onInput={emit}
        onBlur={emit}
        onPaste={(e) => {
          e.preventDefault();
          run('insertText', e.clipboardData.getData('text/plain'));
          emit();
        }}
        suppressContentEditableWarning
      />
    </div>
  );
}
