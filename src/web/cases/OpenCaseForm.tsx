import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api.js';
import { ErrorBox, Field } from '../components/ui.js';
import { formatDay } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { actingOrgIds, casesApi, PRIORITIES, type CaseSummary, type PersonHit, type Priority } from './api.js';
import { ActingOrgSelect, FormActions, PersonPicker, UserOptions, useFormSend } from './common.js';
import { useCasesT } from './i18n.js';
import { useCaseTypes, useOrgMembers, useTypeLabel } from './lookups.js';

const SHOWN = ['subjectId', 'type', 'priority', 'ownerOrg', 'assignee', 'due', 'title'];

/** Opening a case about a person: who, what kind of help, how urgent, who does it, by when. */
export function OpenCaseForm({ me, onCreated, onCancel }: { me: Me; onCreated: (c: CaseSummary) => void; onCancel: () => void }) {
  const t = useCasesT();
  const { t: tm } = useTranslation();
  const lang = useLang();
  const acting = actingOrgIds(me);
  const [person, setPerson] = useState<PersonHit | null>(null);
  const [type, setType] = useState<string>('help_request');
  const [priority, setPriority] = useState<Priority>('normal');
  const [ownerOrg, setOwnerOrg] = useState(acting[0] ?? '');
  const [assignee, setAssignee] = useState(me.id);
  const [due, setDue] = useState('');
  const [title, setTitle] = useState('');
  const { busy, error, fe: fields, check, send } = useFormSend();
  const [missingPerson, setMissingPerson] = useState(false);
  const members = useOrgMembers(ownerOrg, me.permissions.manageUsers);
  const types = useCaseTypes().filter((d) => d.active);
  const typeLabel = useTypeLabel();

  async function submit(e: FormEvent) {
    e.preventDefault();
    check();
    if (!person) {
      setMissingPerson(true);
      return;
    }
    await send(async () => {
      const created = await casesApi.create({
        subjectType: 'person',
        subjectId: person.id,
        type,
        priority,
        ...(ownerOrg ? { ownerOrg } : {}),
        ...(assignee ? { assignee } : {}),
        ...(due ? { due } : {}),
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      onCreated(created);
    });
  }

  return (
    <section className="card form-card" aria-labelledby="open-case-title">
      <h2 id="open-case-title">{t('open.title')}</h2>
      <p className="muted">{t('open.intro')}</p>
      <ErrorBox error={error} fieldShown={(f) => SHOWN.includes(f)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PersonPicker
          value={person}
          onChange={(p) => {
            setPerson(p);
            if (p) setMissingPerson(false);
          }}
          error={fields.subjectId ?? (missingPerson ? t('picker.required') : undefined)}
        />
        <div className="form-grid">
          <Field label={t('open.type')} error={fields.type}>
            {(p) => (
              <select {...p} name="type" value={type} onChange={(e) => setType(e.target.value)}>
                {types.map((d) => (
                  <option key={d.code} value={d.code}>
                    {typeLabel(d.code)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('open.priority')} error={fields.priority}>
            {(p) => (
              <select {...p} name="priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
                {PRIORITIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`priorities.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ActingOrgSelect ids={acting} value={ownerOrg} onChange={setOwnerOrg} error={fields.ownerOrg} name="ownerOrg" />
          <Field label={t('open.assignee')} error={fields.assignee} hint={me.permissions.manageUsers ? undefined : t('open.membersHint')}>
            {(p) => (
              <select {...p} name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <UserOptions me={me} members={members} />
              </select>
            )}
          </Field>
          <Field label={t('open.due')} optional error={fields.due} hint={due ? formatDay(`${due}T12:00:00+07:00`, lang) : undefined}>
            {(p) => <input {...p} type="date" name="due" value={due} onChange={(e) => setDue(e.target.value)} />}
          </Field>
          <Field label={t('open.caseTitle')} optional error={fields.title} hint={t('open.titleHint')}>
            {(p) => <input {...p} name="title" maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
        </div>
        <FormActions busy={busy} busyText={tm('common.saving')} submit={t('open.submit')} onCancel={onCancel} />
      </form>
    </section>
  );
}
