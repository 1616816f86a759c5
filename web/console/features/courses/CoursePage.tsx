// 课程: a training activity (培训) set up as a course — the skills it teaches and the level each leaves,
// its sessions and pass rules — its results (one by one, or an Excel file: all rows or none, the refused
// file back with its errors marked) and completion, which writes each passed member's skills once and
// tells them. Sign-up and check-in stay on the activity's own page.
import '../../components/common.css';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { CourseDetail } from '../../../../contracts/courses.ts';
import type { SkillItem } from '../../../../contracts/member-skills.ts';
import { skillLevelLabel, skillLevels } from '../../../../contracts/skills.ts';
import { api, ApiError, apiUrl, errorMessage, newIdempotencyKey, routeUrl } from '../../../shared/api.ts';
import { downloadFile } from '../../../shared/download.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { uploadFile } from '../../../shared/upload.ts';
import { MemberSearchSelect } from '../../components/MemberSearchSelect.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { useSession } from '../../session.tsx';

interface SkillLine {
  skillId?: number;
  level?: number;
}

/** A skill from the catalogue, searched by name, synonym or code. */
function SkillSelect({ value, onChange, known }: { value?: number | undefined; onChange: (id: number) => void; known: Map<number, string> }) {
  const [found, setFound] = useState<SkillItem[]>([]);
  async function search(q: string) {
    if (!q.trim()) return setFound([]);
    const r = await api.get('/api/skills', { query: { q: q.trim(), pageSize: '20' } });
    setFound(r.items.filter((s) => s.rank === 'occupation' || s.rank === 'free'));
  }
  const options = found.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }));
  if (value !== undefined && !options.some((o) => o.value === value)) options.push({ value, label: known.get(value) ?? String(value) });
  return (
    <Select
      showSearch
      aria-label="技能"
      style={{ width: 240 }}
      placeholder="输入技能名称，如 叉车"
      filterOption={false}
      value={value}
      options={options}
      onSearch={(q) => void search(q).catch(() => setFound([]))}
      onChange={onChange}
    />
  );
}

function SetupForm({ id, course, onSaved }: { id: number; course: CourseDetail | null; onSaved: (c: CourseDetail) => void }) {
  const { message } = App.useApp();
  const [lines, setLines] = useState<SkillLine[]>(course ? course.skills.map((s) => ({ skillId: s.skill.id, level: s.level })) : [{}]);
  const [sessions, setSessions] = useState<number | null>(course?.sessions ?? 1);
  const [minAttendancePct, setMinAttendance] = useState<number | null>(course?.minAttendancePct ?? 80);
  const [minMark, setMinMark] = useState<number | null>(course?.minMark ?? null);
  const [busy, setBusy] = useState(false);
  const known = new Map(course?.skills.map((s) => [s.skill.id, s.skill.name]) ?? []);

  async function save() {
    if (lines.some((l) => l.skillId === undefined || l.level === undefined) || sessions === null || minAttendancePct === null) {
      message.error('请填写每项技能及等级、课时和最低出勤率');
      return;
    }
    setBusy(true);
    try {
      const c = await api.put('/api/courses/:id', { params: { id }, body: { skills: lines.map((l) => ({ skillId: l.skillId!, level: l.level! })), sessions, minAttendancePct, minMark } });
      message.success('课程已保存');
      onSaved(c);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form layout="vertical" style={{ maxWidth: 640 }} data-testid="course-setup">
      <Form.Item label="教授的技能（结业记入会员技能档案的等级）" required>
        <Space direction="vertical">
          {lines.map((l, i) => (
            <Space key={i} wrap>
              <SkillSelect value={l.skillId} known={known} onChange={(skillId) => setLines(lines.map((x, j) => (j === i ? { ...x, skillId } : x)))} />
              <Select
                aria-label="等级"
                style={{ width: 180 }}
                placeholder="等级"
                value={l.level}
                options={skillLevels.map((v) => ({ value: v, label: `${v} 级 · ${skillLevelLabel(v)}` }))}
                onChange={(level: number) => setLines(lines.map((x, j) => (j === i ? { ...x, level } : x)))}
              />
              {lines.length > 1 && (
                <Button type="link" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                  删除
                </Button>
              )}
            </Space>
          ))}
          {lines.length < 12 && <Button onClick={() => setLines([...lines, {}])}>添加技能</Button>}
        </Space>
      </Form.Item>
      <Space wrap size="large">
        <Form.Item label="课时（次）" required>
          <InputNumber aria-label="课时" min={1} max={200} precision={0} value={sessions} onChange={setSessions} />
        </Form.Item>
        <Form.Item label="最低出勤率（%）" required>
          <InputNumber aria-label="最低出勤率" min={0} max={100} precision={0} value={minAttendancePct} onChange={setMinAttendance} />
        </Form.Item>
        <Form.Item label="最低考核成绩" extra="不考核的课程留空">
          <InputNumber aria-label="最低考核成绩" min={0} max={100} precision={0} value={minMark} onChange={setMinMark} />
        </Form.Item>
      </Space>
      <Button type="primary" loading={busy} onClick={() => void save()} data-testid="course-save">
        {course ? '保存修改' : '设置为课程'}
      </Button>
    </Form>
  );
}

function ResultEntry({ id, onSaved }: { id: number; onSaved: (c: CourseDetail) => void }) {
  const { message } = App.useApp();
  const [memberId, setMemberId] = useState<number>();
  const [attendancePct, setAttendance] = useState<number | null>(100);
  const [mark, setMark] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    if (memberId === undefined || attendancePct === null) return void message.error('请选择学员并填写出勤率');
    setBusy(true);
    try {
      onSaved(await api.put('/api/courses/:id/results', { params: { id }, body: { memberId, attendancePct, mark } }));
      message.success('成绩已录入');
      setMemberId(undefined);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space wrap>
      <MemberSearchSelect value={memberId} onChange={setMemberId} style={{ width: 300 }} />
      <InputNumber aria-label="出勤率" addonAfter="%" min={0} max={100} precision={0} value={attendancePct} onChange={setAttendance} />
      <InputNumber aria-label="成绩" placeholder="成绩" min={0} max={100} precision={0} value={mark} onChange={setMark} />
      <Button loading={busy} onClick={() => void save()}>
        录入
      </Button>
    </Space>
  );
}

function ResultImport({ id, onDone }: { id: number; onDone: () => void }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function upload() {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const a = await uploadFile('/api/courses/:id/results/import', file, { params: { id }, idempotencyKey: newIdempotencyKey() });
      message.success(`已导入 ${formatCount(a.recorded)} 条成绩，其中结业 ${formatCount(a.passed)} 人`);
      onDone();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  async function downloadErrors() {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    await downloadFile(routeUrl('/api/courses/:id/results/import/errors', { id }), `课程成绩错误清单-${file.name}`, { form }).catch((err: unknown) => message.error(errorMessage(err)));
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(apiUrl('/api/courses/results-template'), '课程成绩导入模板.xlsx').catch((err: unknown) => message.error(errorMessage(err)))}>
          下载成绩模板
        </Button>
        <input ref={input} type="file" accept=".xlsx" hidden aria-label="选择成绩 Excel 文件" onChange={(e) => { setFile(e.target.files?.[0]); setProblem(undefined); }} />
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
          选择文件
        </Button>
        <span>{file?.name ?? '未选择'}</span>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void upload()}>
          导入成绩
        </Button>
      </Space>
      {problem && (
        <Alert
          type="error"
          showIcon
          message={problem}
          description={
            <Button icon={<DownloadOutlined />} onClick={() => void downloadErrors()}>
              下载错误清单
            </Button>
          }
        />
      )}
    </Space>
  );
}

export function CoursePage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { hasRole } = useSession();
  const canWrite = hasRole('admin') || hasRole('clerk');
  const [course, setCourse] = useState<CourseDetail | null>();
  const [problem, setProblem] = useState<string>();
  const completeKey = useRef(newIdempotencyKey());

  async function load() {
    try {
      setCourse(await api.get('/api/courses/:id', { params: { id } }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setCourse(null);
      else setProblem(errorMessage(err));
    }
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  function complete(c: CourseDetail) {
    modal.confirm({
      title: '办理结业',
      content: `结业（通过）的 ${c.figures.passed} 名学员将记入${c.skills.map((s) => `「${s.label}」`).join('')}并收到通知；未通过的学员不记入。再次办理只记入新通过的学员。`,
      okText: '结业',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await api.post('/api/courses/:id/complete', { params: { id }, headers: { 'idempotency-key': completeKey.current } });
          completeKey.current = newIdempotencyKey();
          message.success(`已结业：新记入技能 ${r.skillsWritten} 条，通知 ${r.membersNotified} 人`);
          await load();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  }

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/activities/${id}`)}>
      返回活动
    </Button>
  );
  if (problem) return <Alert type="error" showIcon message={problem} action={back} />;
  if (course === undefined) return null;
  if (course === null) {
    return (
      <Card title={<PageTitle>设置为课程</PageTitle>} extra={back}>
        <Typography.Paragraph>培训类活动可以设置为课程：填写教授的技能及结业记入的等级、课时和结业要求。学员结业后，技能自动记入其技能档案。</Typography.Paragraph>
        {canWrite ? <SetupForm id={id} course={null} onSaved={setCourse} /> : <Typography.Text type="secondary">该活动尚未设置为课程。</Typography.Text>}
      </Card>
    );
  }
  return (
    <Card title={<PageTitle>课程：{course.title}</PageTitle>} extra={back} data-testid="course-page">
      <Descriptions size="small" column={2}>
        <Descriptions.Item label="教授的技能">
          {course.skills.map((s) => (
            <Tag key={s.skill.id} color="blue">
              {s.label}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="课时">{course.sessions} 次</Descriptions.Item>
        <Descriptions.Item label="结业要求">
          出勤 {course.minAttendancePct}% 以上{course.minMark === null ? '（不考核）' : `，考核 ${course.minMark} 分以上`}
        </Descriptions.Item>
        <Descriptions.Item label="结业">{course.completedAt ? formatDateTime(course.completedAt) : '未办理'}</Descriptions.Item>
        <Descriptions.Item label="成绩">
          {course.figures.results} 人录入，{course.figures.passed} 人通过，{course.figures.credited} 人已记入技能
        </Descriptions.Item>
      </Descriptions>
      {canWrite && (
        <>
          <SectionTitle>课程设置</SectionTitle>
          <SetupForm id={id} course={course} onSaved={setCourse} />
          <SectionTitle>录入成绩</SectionTitle>
          <ResultEntry id={id} onSaved={setCourse} />
          <div style={{ marginTop: 12 }}>
            <ResultImport id={id} onDone={() => void load()} />
          </div>
        </>
      )}
      <SectionTitle>学员成绩</SectionTitle>
      <Table
        size="small"
        rowKey={(r) => r.member.id}
        dataSource={course.results}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '学员', render: (_, r) => `${r.member.name} · ${r.member.memberNo ?? '—'}` },
          { title: '出勤率', dataIndex: 'attendancePct', render: (v: number) => `${v}%`, width: 90 },
          { title: '成绩', dataIndex: 'mark', render: (v: number | null) => v ?? '—', width: 80 },
          { title: '结果', render: (_, r) => (r.passed ? <Tag color="success">通过</Tag> : <Tag>未通过</Tag>), width: 90 },
          { title: '技能', render: (_, r) => (r.skillsWritten ? <Tag color="blue">已记入</Tag> : '—'), width: 90 },
        ]}
      />
      {canWrite && (
        <Button type="primary" style={{ marginTop: 12 }} disabled={course.figures.passed === 0} onClick={() => complete(course)} data-testid="course-complete">
          办理结业
        </Button>
      )}
    </Card>
  );
}
