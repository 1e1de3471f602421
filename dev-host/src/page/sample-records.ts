/**
 * The dev host's fake org: a few Japanese records whose phones are stored in the notations real
 * CRMs end up with (hyphenated, digits only, `+81` spaced or not), so screen pops and
 * click-to-dial can be tried against all of them. Ids are valid 18-character Salesforce ids.
 *
 * Try: a call from 09012345678 pops 山田 太郎 (one match, via his mobile); from 0312345678 the
 * search page (山田 太郎's office and サンプル商事 share the number in two notations); from
 * 0669876543 鈴木 一郎 (stored as +81 6-…); from an unknown number a new Contact form.
 */
import type { FakeRecord } from '@biztel/opencti/fake';

export const SAMPLE_RECORDS: readonly FakeRecord[] = [
  { Id: '0035g00000TkYqAAAV', Name: '山田 太郎', RecordType: 'Contact', Phone: '03-1234-5678', MobilePhone: '090-1234-5678' },
  { Id: '0015g00000HbCdEAAV', Name: '株式会社サンプル商事', RecordType: 'Account', Phone: '0312345678' },
  { Id: '0035g00000MnO9qAAF', Name: '鈴木 一郎', RecordType: 'Contact', Phone: '+81 6-6987-6543' },
  { Id: '00Q5g00000LmNoPEAV', Name: '高橋 美咲', RecordType: 'Lead', Phone: '+81452345678' },
  { Id: '0035g00000Jp7WxAAJ', Name: '田中 健', RecordType: 'Contact', Phone: '080-8765-4321' },
  { Id: '0015g00000SkYrLAAV', Name: '北海道ファーム株式会社', RecordType: 'Account', Phone: '011-222-3333' },
  { Id: '00Q5g00000Xy7KzEAJ', Name: '伊藤 さくら', RecordType: 'Lead', Phone: '0120-123-456' },
];
