import type { PossibleDuplicate } from '../../../../main/ipc/contract/patients';
import './PossibleDuplicates.css';
import { CheckboxField } from '../../components/fields';
import { ViewLink } from '../../components/ViewLink';
import { formatDate } from '../../format';
import { patientName } from './labels';

const allergyWords = (d: PossibleDuplicate) =>
  d.allergies.length > 0 ? `Allergies: ${d.allergies.join(', ')}` : d.noKnownAllergies ? 'No known allergies' : 'Allergies not recorded';

/**
 * Shown when main refuses a new patient who may already be registered (issue 8 item 6): the
 * existing chart(s), each with MRN and allergies and a link, and an explicit "this is a
 * different person" to go on. Main records that answer in the audit log. Editing a chart's name or
 * birth date onto another chart's asks the same question, in words about saving the change.
 */
export function PossibleDuplicates({
  found,
  confirmed,
  onConfirm,
  error,
  editing = false,
}: {
  found: PossibleDuplicate[];
  confirmed: boolean;
  onConfirm(v: boolean): void;
  error?: string;
  editing?: boolean;
}) {
  const before = editing ? 'before saving this change' : 'before registering a second one';
  const toGoOn = editing ? 'to save this change' : 'to register a new chart';
  return (
    <section className="possible-duplicates" aria-labelledby="possible-duplicates-heading">
      <h2 id="possible-duplicates-heading">{editing ? 'This patient may already have another chart' : 'This patient may already be registered'}</h2>
      <p>
        {found.length === 1 ? 'A patient' : `${found.length} patients`} born on the same day with the same or a close name{' '}
        {found.length === 1 ? 'is' : 'are'} on file. Open the chart to check {before}: two charts for one person split the
        record, and its allergies.
      </p>
      <ul>
        {found.map((d) => (
          <li key={d.id}>
            <ViewLink view="patient" params={{ id: d.id }}>
              <bdi>{patientName(d)}</bdi>
            </ViewLink>{' '}
            — MRN {d.mrn}, born {formatDate(d.dateOfBirth)}
            {d.dischargeDate ? `, discharged ${formatDate(d.dischargeDate)}` : ''} ({d.match === 'same' ? 'same name' : 'close name'}).{' '}
            <strong className={d.allergies.length > 0 ? 'has-allergies' : undefined}>{allergyWords(d)}.</strong>
          </li>
        ))}
      </ul>
      <CheckboxField label="This is a different person" checked={confirmed} onChange={onConfirm} />
      {error && !confirmed ? <p className="field-error">Tick “This is a different person” {toGoOn}, or open the existing one.</p> : null}
    </section>
  );
}
