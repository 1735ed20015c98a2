import { useTranslation } from 'react-i18next';
import { ROLES, type MembershipInput, type Organization, type Role } from '../api.js';
import { AreaCodeField } from '../components/AreaCodeField.js';
import { Field } from '../components/ui.js';
import { localName, useLang } from '../lib/lang.js';

export interface MembershipRow extends MembershipInput {
  /** A local key for React (memberships have no id until saved). */
  key: string;
}

let nextKey = 0;
export function newRow(init?: Partial<MembershipInput>): MembershipRow {
  nextKey += 1;
  return { key: `m${nextKey}`, organizationId: '', role: 'volunteer', areaScope: '', ...init };
}

/** Edits a user's list of (organisation, role, area scope). */
export function MembershipsEditor({
  rows,
  onChange,
  organizations,
  errors,
}: {
  rows: MembershipRow[];
  onChange: (rows: MembershipRow[]) => void;
  organizations: Organization[];
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const lang = useLang();

  function update(i: number, patch: Partial<MembershipInput>) {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  }

  return (
    <fieldset className="memberships">
      <legend>{t('users.memberships')}</legend>
      {errors.memberships ? <p className="field-error">{errors.memberships}</p> : null}
      {rows.map((row, i) => {
        const options = organizations.filter((o) => o.active || o.id === row.organizationId);
        return (
          <fieldset key={row.key} className="membership-row" data-testid="membership-row">
            <legend>{t('users.membership', { n: i + 1 })}</legend>
            <Field label={t('users.organization')} error={errors[`memberships.${i}.organizationId`]}>
              {(p) => (
                <select
                  {...p}
                  name={`memberships.${i}.organizationId`}
                  required
                  value={row.organizationId}
                  onChange={(e) => {
                    const org = organizations.find((o) => o.id === e.target.value);
                    update(i, {
                      organizationId: e.target.value,
                      ...(!row.areaScope.trim() && org?.areaCode ? { areaScope: org.areaCode } : {}),
                    });
                  }}
                >
                  <option value="">{t('users.chooseOrganization')}</option>
                  {options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {localName(o, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('users.role')} error={errors[`memberships.${i}.role`]}>
              {(p) => (
                <select {...p} name={`memberships.${i}.role`} value={row.role} onChange={(e) => update(i, { role: e.target.value as Role })}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <AreaCodeField
              label={t('users.areaScope')}
              name={`memberships.${i}.areaScope`}
              required
              value={row.areaScope}
              onChange={(v) => update(i, { areaScope: v })}
              error={errors[`memberships.${i}.areaScope`]}
            />
            {rows.length > 1 ? (
              <div className="membership-remove">
                <button type="button" className="button button-small button-danger" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  {t('users.removeMembership')}
                </button>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => onChange([...rows, newRow()])}>
        + {t('users.addMembership')}
      </button>
    </fieldset>
  );
}
