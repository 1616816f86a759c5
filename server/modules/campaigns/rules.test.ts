// The pure rules: eligibility and why not, the phase, deadlines, documents judged by content.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { DOCUMENT_MAX_BYTES } from '../../../contracts/campaigns.ts';
import { checkDocuments, deadlineOf, judgeCampaignEligibility, phaseOf, sniffDocument } from './rules.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(8)]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
const PDF = Buffer.from('%PDF-1.7\n', 'latin1');
const now = new Date('2026-09-01T12:00:00+08:00');
const rules = { orgPath: '1.2', targetGroups: [] as string[], minAge: null, maxAge: null, minMembershipMonths: null };
const member = { status: 'active', birthDate: '1990-05-01', joinedOn: '2020-01-01', groups: [] as string[], orgPath: '1.2.3' };

describe('judgeCampaignEligibility', () => {
  it('says why not, in order: reach, status, age, membership, group', () => {
    expect(judgeCampaignEligibility(rules, member, now)).toBeNull();
    expect(judgeCampaignEligibility(rules, { ...member, orgPath: '1.22' }, now)).toBe('outside_reach');
    expect(judgeCampaignEligibility(rules, { ...member, status: 'suspended' }, now)).toBe('not_active_member');
    expect(judgeCampaignEligibility({ ...rules, minAge: 40 }, member, now)).toBe('too_young');
    expect(judgeCampaignEligibility({ ...rules, maxAge: 30 }, member, now)).toBe('too_old');
    expect(judgeCampaignEligibility({ ...rules, minMembershipMonths: 100 }, member, now)).toBe('membership_too_short');
    expect(judgeCampaignEligibility({ ...rules, targetGroups: ['hardship', 'gig'] }, member, now)).toBe('not_target_group');
    expect(judgeCampaignEligibility({ ...rules, targetGroups: ['hardship', 'gig'] }, { ...member, groups: ['gig'] }, now)).toBeNull();
  });
});

describe('phaseOf and deadlineOf', () => {
  const c = { status: 'published', applyOpensAt: new Date('2026-08-01'), applyClosesAt: new Date('2026-08-31'), open: 0, inNotice: 0 };
  it('follows the dates and the applications', () => {
    expect(phaseOf({ ...c, applyOpensAt: new Date('2026-09-02') }, now)).toBe('upcoming');
    expect(phaseOf({ ...c, applyClosesAt: new Date('2026-09-30') }, now)).toBe('open');
    expect(phaseOf({ ...c, open: 3 }, now)).toBe('reviewing');
    expect(phaseOf({ ...c, open: 3, inNotice: 1 }, now)).toBe('notice');
    expect(phaseOf(c, now)).toBe('finished');
    expect(phaseOf({ ...c, status: 'cancelled' }, now)).toBe('cancelled');
  });
  it('a deadline is its days after entering the level', () => {
    expect(deadlineOf('2026-09-01T00:00:00Z', 5)!.toISOString()).toBe('2026-09-06T00:00:00.000Z');
    expect(deadlineOf(null, 5)).toBeNull();
  });
});

describe('documents', () => {
  const required = [{ key: 'letter', label: '录取通知书' }, { key: 'proof', label: '困难证明' }];
  const b64 = (b: Buffer) => b.toString('base64');
  it('judges files by content', () => {
    expect(sniffDocument(PNG)).toBe('image/png');
    expect(sniffDocument(JPEG)).toBe('image/jpeg');
    expect(sniffDocument(PDF)).toBe('application/pdf');
    expect(sniffDocument(Buffer.from('GIF89a'))).toBeNull();
  });
  it('asks for every required document once, nothing else, each a real file within the limit', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).code + ':' + (e as AppError).message;
      }
      return 'ok';
    };
    expect(checkDocuments(required, [{ key: 'letter', contentBase64: b64(PNG) }, { key: 'proof', contentBase64: b64(PDF) }], true).map((d) => d.contentType)).toEqual(['image/png', 'application/pdf']);
    expect(code(() => checkDocuments(required, [{ key: 'letter', contentBase64: b64(PNG) }], true))).toBe('documents_missing:请上传：困难证明');
    expect(code(() => checkDocuments(required, [{ key: 'letter', contentBase64: b64(PNG) }], true, new Set(['proof'])))).toBe('ok');
    expect(code(() => checkDocuments(required, [{ key: 'other', contentBase64: b64(PNG) }], false))).toMatch(/^document_not_required:/);
    expect(code(() => checkDocuments(required, [{ key: 'letter', contentBase64: b64(Buffer.from('hello')) }], false))).toMatch(/^invalid_document:.*录取通知书/);
    // each at most 4 MB (a 3.9 MB scan passes), all of a request at most 8 MB
    const sized = (bytes: number, head: Buffer) => b64(Buffer.concat([head, Buffer.alloc(bytes - head.length)]));
    expect(code(() => checkDocuments(required, [{ key: 'letter', contentBase64: sized(3.9 * 1024 * 1024, PDF) }], false))).toBe('ok');
    expect(code(() => checkDocuments(required, [{ key: 'letter', contentBase64: sized(DOCUMENT_MAX_BYTES + 1, PNG) }], false))).toBe('document_too_large:材料“录取通知书”超过 4 MB，请压缩后重新上传');
    const three = [...required, { key: 'photo', label: '家庭照片' }];
    const big = (key: string) => ({ key, contentBase64: sized(3 * 1024 * 1024, PDF) });
    expect(code(() => checkDocuments(three, [big('letter'), big('proof')], false))).toBe('ok');
    expect(code(() => checkDocuments(three, [big('letter'), big('proof'), big('photo')], false))).toMatch(/^document_too_large:本次上传的材料合计 9\.0 MB，超过 8 MB/);
    expect(code(() => checkDocuments(required, [{ key: 'letter', contentBase64: b64(PNG) }, { key: 'letter', contentBase64: b64(PNG) }], false))).toMatch(/^validation_failed:/);
  });
});
