// What the lotteries of the console share (普惠活动's batches, 帮扶活动's approved applications): the
// record anyone can check — the seed's commitment published with the activity, the seed published
// after the draw, the algorithm — and a write asked for in a confirmation (抽签, 开始公示 …) whose
// answer is said in a message.
import { useState, type ReactNode } from 'react';
import { App, Button, Descriptions, Space, Typography } from 'antd';
import { errorMessage } from '../../shared/api.ts';
import { useDetail, type Detail } from '../../shared/useDetail.ts';
import { DetailPart } from './DetailPage.tsx';

export interface SeedRecordProps {
  className: string;
  hashClassName: string;
  seedCommitment: string;
  seed: string | null;
  /** what stands for the seed before it is published */
  pending: ReactNode;
  algorithm: string;
}

export function SeedRecord({ className, hashClassName, seedCommitment, seed, pending, algorithm }: SeedRecordProps) {
  return (
    <Descriptions column={1} size="small" bordered className={className}>
      <Descriptions.Item label="种子承诺（发布时公布）">
        <Typography.Text copyable className={`mono ${hashClassName}`}>
          {seedCommitment}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="种子（抽签后公布）">
        {seed ? (
          <Typography.Text copyable className={`mono ${hashClassName}`} data-testid="draw-seed">
            {seed}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{pending}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="算法">{algorithm}</Descriptions.Item>
    </Descriptions>
  );
}

export interface Confirmation {
  title: string;
  content: ReactNode;
  okText: string;
}

/**
 * A write done once the user confirms it: `confirm(ask, write)` opens the confirmation; write
 * resolves with the success message, and a throw is shown as an error message. busy while it runs.
 */
export function useConfirmedWrite() {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  function confirm(ask: Confirmation, write: () => Promise<string>) {
    modal.confirm({
      ...ask,
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          message.success(await write());
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      },
    });
  }
  return { busy, confirm };
}

/**
 * A lottery's record (loaded under `key`) and its draw, asked for in a confirmation: draw(content,
 * done) posts, shows the new record and says `done`; onDrawn lets the page load its figures again.
 */
export function useLottery<T>(key: string, load: () => Promise<T>, post: () => Promise<T>, onDrawn: () => void): { record: Detail<T>; busy: boolean; draw: (content: string, done: string) => void } {
  const record = useDetail(key, load);
  const { busy, confirm } = useConfirmedWrite();
  function draw(content: string, done: string) {
    confirm({ title: '现在抽签？', content, okText: '开始抽签' }, async () => {
      record.setData(await post());
      onDrawn();
      return done;
    });
  }
  return { record, busy, draw };
}

export interface LotteryFrameProps<T> {
  lottery: { record: Detail<T>; busy: boolean; draw: (content: string, done: string) => void };
  /** the Descriptions' class and the hashes' class */
  classNames: [string, string];
  /** what stands for the seed before it is published */
  pending: string;
  /** the 抽签 button: shown when `shown`, enabled when `ready`, with its hint beside it and the confirmation's words */
  button: { shown: boolean; ready: boolean; hint: string; ask: string; done: string };
  /** below: the draw's results */
  children: (record: T) => ReactNode;
}

/** A lottery's tab: its record anyone can check, the 抽签 button with why it may (not) be drawn yet, the results. */
export function LotteryFrame<T extends { seedCommitment: string; seed: string | null; algorithm: string }>({ lottery, classNames, pending, button, children }: LotteryFrameProps<T>) {
  return (
    <DetailPart detail={lottery.record}>
      {(record) => (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <SeedRecord className={classNames[0]} hashClassName={classNames[1]} seedCommitment={record.seedCommitment} seed={record.seed} pending={pending} algorithm={record.algorithm} />
          {button.shown && (
            <Space wrap>
              <Button type="primary" loading={lottery.busy} disabled={!button.ready} onClick={() => lottery.draw(button.ask, button.done)}>
                抽签
              </Button>
              <Typography.Text type="secondary">{button.hint}</Typography.Text>
            </Space>
          )}
          {children(record)}
        </Space>
      )}
    </DetailPart>
  );
}
