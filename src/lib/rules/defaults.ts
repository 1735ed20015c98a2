/**
 * The default indicator set: ten targeting rules grouped in the five
 * dimensions of the Thai multidimensional poverty index (TPMAP / NESDC):
 * health, living conditions, education, income, access to public services.
 * Coordinators copy and adapt them; `params` holds the defaults of the
 * rule's param() values.
 */
import type { RuleParams } from './check.js';
import type { RuleTarget } from './ir.js';

export const DIMENSIONS = ['health', 'living', 'education', 'income', 'access'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface IndicatorDefinition {
  code: string;
  nameTh: string;
  nameEn: string;
  dimension: Dimension;
  target: RuleTarget;
  rule: string;
  /** Default values of the rule's param('…'). */
  params?: RuleParams;
  descriptionTh: string;
  descriptionEn: string;
  /** What the registry lacks for a better rule, when something does. */
  caveatTh?: string;
  caveatEn?: string;
}

/** The basic minimum needs (จปฐ.) income line: 38,000 THB per person per year. */
export const BMN_POVERTY_LINE = 38_000;

export const DEFAULT_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'out_of_school_youth',
    nameTh: 'เด็กและเยาวชนอายุ 6–17 ปีที่อยู่นอกระบบการศึกษา',
    nameEn: 'Out-of-school children and youth aged 6–17',
    dimension: 'education',
    target: 'person',
    rule: "age >= 6 and age <= 17 and inSchool = 'no'",
    descriptionTh: 'อายุ 6–17 ปีและบันทึกว่าไม่ได้เรียนหนังสือ',
    descriptionEn: 'Aged 6 to 17 and recorded as not in school.',
  },
  {
    code: 'bedridden_without_caregiver',
    nameTh: 'ผู้ป่วยติดเตียงที่ไม่มีผู้ดูแล',
    nameEn: 'Bedridden person without a caregiver',
    dimension: 'health',
    target: 'person',
    rule: "bedridden = 'yes' and count(household/others[age >= 18 and age < 70 and bedridden != 'yes']) = 0",
    descriptionTh: 'ผู้ป่วยติดเตียงที่ไม่มีสมาชิกคนอื่นในครัวเรือนอายุ 18–69 ปีที่ไม่ติดเตียงคอยดูแล',
    descriptionEn: 'Bedridden, with no other household member aged 18–69 who is not bedridden to look after them.',
    caveatTh: 'ทะเบียนยังไม่มีข้อมูลผู้ดูแลที่อยู่นอกครัวเรือน (ญาติ อสม. ผู้ดูแลผู้สูงอายุ) จึงอาจนับเกินจริง',
    caveatEn: 'The registry does not record caregivers outside the household (relatives nearby, village health volunteers, care assistants), so this may over-count.',
  },
  {
    code: 'disabled_needing_supplies',
    nameTh: 'คนพิการที่น่าจะต้องการอุปกรณ์และเวชภัณฑ์',
    nameEn: 'Disabled person likely to need supplies',
    dimension: 'health',
    target: 'person',
    rule: "disability = 'yes' and (bedridden = 'yes' or age >= 60)",
    descriptionTh: 'คนพิการที่ติดเตียงหรืออายุ 60 ปีขึ้นไป ซึ่งมักต้องการผ้าอ้อม อุปกรณ์ช่วยเหลือ และเวชภัณฑ์',
    descriptionEn: 'Disabled and bedridden or aged 60+, the group that most often needs diapers, mobility aids and medical supplies.',
    caveatTh: 'ทะเบียนบันทึกความพิการเพียงมี/ไม่มี: ยังขาดประเภทและระดับความพิการ บัตรคนพิการ อุปกรณ์ที่มีและที่ต้องการ (รถเข็น ไม้เท้า เครื่องช่วยฟัง) ภาวะกลั้นปัสสาวะไม่ได้ และแผลกดทับ',
    caveatEn: 'The registry records disability as yes/no only: it lacks the type and severity of disability, the disability card, the aids held and needed (wheelchair, walker, hearing aid), incontinence and pressure sores, which would let the rule target actual unmet needs.',
  },
  {
    code: 'elderly_living_alone',
    nameTh: 'ผู้สูงอายุที่อยู่ลำพัง',
    nameEn: 'Older person living alone',
    dimension: 'living',
    target: 'person',
    rule: 'age >= 60 and household/size = 1',
    descriptionTh: 'อายุ 60 ปีขึ้นไปและเป็นสมาชิกคนเดียวของครัวเรือน',
    descriptionEn: 'Aged 60 or over and the only member of the household.',
  },
  {
    code: 'income_below_poverty_line',
    nameTh: 'ครัวเรือนที่มีรายได้ต่ำกว่าเกณฑ์ จปฐ.',
    nameEn: 'Household income below the poverty line',
    dimension: 'income',
    target: 'household',
    rule: "monthlyIncome * 12 div size < param('povertyLine')",
    params: { povertyLine: BMN_POVERTY_LINE },
    descriptionTh: 'รายได้ครัวเรือนเฉลี่ยต่อคนต่อปีต่ำกว่า 38,000 บาท (เกณฑ์ จปฐ.)',
    descriptionEn: 'Yearly household income per member below 38,000 THB (the basic minimum needs threshold).',
  },
  {
    code: 'insecure_housing',
    nameTh: 'ครัวเรือนที่อยู่อาศัยไม่มั่นคง',
    nameEn: 'Insecure housing',
    dimension: 'living',
    target: 'household',
    rule: "tenure = 'public_land'",
    descriptionTh: 'อาศัยอยู่บนที่ดินสาธารณะหรือที่ดินการรถไฟโดยไม่มีสิทธิ์ถือครอง',
    descriptionEn: 'Lives on public or State Railway land without tenure rights.',
  },
  {
    code: 'no_legal_status',
    nameTh: 'บุคคลที่ไม่มีสถานะทางทะเบียนหรือไม่มีเอกสารแสดงตน',
    nameEn: 'No legal status or no identity document',
    dimension: 'access',
    target: 'person',
    rule: "idType = 'none' or registryStatus = 'unregistered'",
    descriptionTh: 'ไม่มีเอกสารแสดงตน หรือไม่มีชื่อในทะเบียนราษฎร',
    descriptionEn: 'Has no identity document, or is not in the civil registry.',
  },
  {
    code: 'risk_group_unvaccinated',
    nameTh: 'กลุ่มเสี่ยงที่ยังไม่ได้รับวัคซีน',
    nameEn: 'Risk group not vaccinated',
    dimension: 'health',
    target: 'person',
    rule: "(age >= 60 or chronicIllness = 'yes') and vaccinated = 'no'",
    descriptionTh: 'อายุ 60 ปีขึ้นไปหรือมีโรคเรื้อรัง และยังไม่ได้รับวัคซีน',
    descriptionEn: 'Aged 60 or over or with a chronic illness, and not vaccinated.',
  },
  {
    code: 'child_without_birth_registration',
    nameTh: 'เด็กที่ไม่มีชื่อในทะเบียนราษฎร',
    nameEn: 'Child without birth registration',
    dimension: 'access',
    target: 'person',
    rule: "age < 18 and registryStatus = 'unregistered'",
    descriptionTh: 'อายุต่ำกว่า 18 ปีและไม่มีชื่อในทะเบียนราษฎร (ไม่ได้แจ้งเกิด)',
    descriptionEn: 'Under 18 and not in the civil registry (birth not declared).',
    caveatTh: 'ทะเบียนไม่มีข้อมูลสูติบัตรโดยตรง จึงใช้สถานะทะเบียนราษฎรแทน',
    caveatEn: 'The registry has no birth certificate field, so civil-registry status stands in for birth registration.',
  },
  {
    code: 'dependants_low_income',
    nameTh: 'ครัวเรือนที่มีภาระพึ่งพิงและรายได้น้อย',
    nameEn: 'Household with dependants and low income',
    dimension: 'income',
    target: 'household',
    rule: "count(member[age < 15 or age >= 60 or disability = 'yes']) > 0 and monthlyIncome * 12 div size < param('povertyLine')",
    params: { povertyLine: BMN_POVERTY_LINE },
    descriptionTh: 'มีเด็กอายุต่ำกว่า 15 ปี ผู้สูงอายุ 60 ปีขึ้นไป หรือคนพิการ และรายได้เฉลี่ยต่อคนต่อปีต่ำกว่าเกณฑ์ จปฐ.',
    descriptionEn: 'Has a child under 15, an older person aged 60+ or a disabled member, and yearly income per member below the basic minimum needs line.',
  },
];
