/**
 * The benchmark form: a Thai household survey in the style of the
 * Basic Minimum Needs survey (ข้อมูลความจำเป็นพื้นฐาน, จปฐ.) that village
 * health volunteers fill each year: survey and address, respondent,
 * housing, water, income and debt, health, education, then one repeat
 * instance per household member (name, sex, birth date, relation,
 * schooling, occupation, income, disability, bedridden, chronic illness,
 * vaccination, ID card). 60 questions (47 for the household, 13 per
 * member, calculations included) besides 3 notes and the start, end,
 * today and deviceid metadata; Thai and English labels, relevance,
 * constraints and calculations as a real one has.
 *
 * `householdSurvey()` is the XLSForm (for `buildXlsForm`);
 * `HouseholdInstances` makes instance XML for it as ODK Collect would send
 * it (non-relevant questions left out, meta/instanceID `uuid:<v4>`),
 * deterministic for a seed, about 4 KB each with four members.
 */
import { randomUUID } from 'node:crypto';
import {
  FEMALE_MID,
  FEMALE_OLD,
  FEMALE_YOUNG,
  MALE_MID,
  MALE_OLD,
  MALE_YOUNG,
  MUSLIM_FEMALE,
  MUSLIM_MALE,
  MUSLIM_SURNAMES,
  SURNAMES,
  type Name,
} from '../../src/lib/synthetic/names.js';
import { instanceToData } from '../../src/lib/forms/data.js';
import { parseXml, type XmlElement } from '../../src/lib/forms/instanceXml.js';
import type { FormDefinition, FormNode } from '../../src/lib/forms/model.js';
import { Random, type Seed } from '../../src/lib/synthetic/random.js';
import { validateInstance } from '../../src/modules/submissions/validate.js';
import type { SheetRows, XlsFormSpec } from '../../src/testing/xlsform.js';

export const HOUSEHOLD_FORM_ID = 'bmn_household';
export const HOUSEHOLD_FORM_VERSION = '2026112301';

const TH = 'Thai (th)';
const EN = 'English (en)';

type Extra = Record<string, string | number>;

/** A survey row with Thai and English labels. */
function q(type: string, name: string, th: string, en: string, extra: Extra = {}): Extra {
  const row: Extra = { type, name, [`label::${TH}`]: th, [`label::${EN}`]: en };
  for (const [k, v] of Object.entries(extra)) row[k] = v;
  return row;
}

/** A constraint with its message in both languages. */
function check(constraint: string, th: string, en: string): Extra {
  return { constraint, [`constraint_message::${TH}`]: th, [`constraint_message::${EN}`]: en };
}

function hint(th: string, en: string): Extra {
  return { [`hint::${TH}`]: th, [`hint::${EN}`]: en };
}

const end = (type: 'end_group' | 'end_repeat'): Extra => ({ type, name: '' });

/** "none" cannot be ticked together with anything else. */
const NONE_ALONE = "not(selected(., 'none') and count-selected(.) > 1)";
const NONE_ALONE_MSG = ['เลือก "ไม่มี" ร่วมกับข้ออื่นไม่ได้', '"None" cannot be combined with other answers'] as const;
const CONSENTED = "${consent} = 'yes'";

function survey(): SheetRows {
  return [
    { type: 'start', name: 'start' },
    { type: 'end', name: 'end' },
    { type: 'today', name: 'today' },
    { type: 'deviceid', name: 'deviceid' },

    q('begin_group', 'survey_info', 'ข้อมูลการสำรวจ', 'Survey'),
    q('note', 'intro', 'แบบสำรวจข้อมูลความจำเป็นพื้นฐาน (จปฐ.) สำหรับอาสาสมัครสาธารณสุขประจำหมู่บ้าน กรุณาสอบถามหัวหน้าครัวเรือนหรือผู้แทน', 'Basic Minimum Needs household survey for village health volunteers. Ask the head of the household or a representative.'),
    q('text', 'surveyor_name', 'ชื่อผู้สำรวจ', 'Surveyor', { required: 'yes' }),
    q('date', 'survey_date', 'วันที่สำรวจ', 'Date of the survey', { required: 'yes', ...check('. <= today()', 'วันที่สำรวจต้องไม่เกินวันนี้', 'The survey date cannot be in the future') }),
    q('text', 'village_code', 'รหัสหมู่บ้าน (8 หลัก)', 'Village code (8 digits)', { required: 'yes', ...hint('ตามรหัสกรมการปกครอง เช่น 90110105', 'DOPA code, e.g. 90110105'), ...check("regex(., '^90[0-9]{6}$')", 'รหัสหมู่บ้านในจังหวัดสงขลามี 8 หลัก ขึ้นต้นด้วย 90', 'A Songkhla village code has 8 digits starting with 90') }),
    q('integer', 'moo', 'หมู่ที่', 'Village number (moo)', { required: 'yes', ...check('. >= 1 and . <= 30', 'หมู่ที่ 1–30', 'Moo 1 to 30') }),
    q('text', 'house_no', 'บ้านเลขที่', 'House number', { required: 'yes' }),
    q('geopoint', 'gps', 'พิกัดบ้าน', 'Location of the house', { ...hint('ยืนหน้าบ้านแล้วกดบันทึกพิกัด', 'Stand in front of the house and record the point') }),
    end('end_group'),

    q('begin_group', 'respondent', 'ผู้ให้ข้อมูล', 'Respondent'),
    q('text', 'respondent_name', 'ชื่อ-สกุลผู้ให้ข้อมูล', 'Name of the respondent', { required: 'yes' }),
    q('text', 'respondent_phone', 'เบอร์โทรศัพท์', 'Phone number', { ...check("regex(., '^0[0-9]{8,9}$')", 'เบอร์โทรศัพท์ 9–10 หลัก ขึ้นต้นด้วย 0', 'A phone number has 9 or 10 digits starting with 0') }),
    q('select_one yes_no', 'consent', 'ยินยอมให้ข้อมูลหรือไม่', 'Does the household agree to answer?', { required: 'yes' }),
    end('end_group'),

    q('begin_group', 'housing', 'ที่อยู่อาศัย', 'Housing', { relevant: CONSENTED }),
    q('integer', 'hh_members', 'จำนวนสมาชิกที่อาศัยอยู่จริง', 'Members living in the household', { required: 'yes', ...check('. >= 1 and . <= 20', 'จำนวนสมาชิก 1–20 คน', '1 to 20 members') }),
    q('select_one house_type', 'house_type', 'ลักษณะบ้าน', 'Type of house', { required: 'yes' }),
    q('select_one tenure', 'tenure', 'การถือครองที่อยู่อาศัย', 'Tenure', { required: 'yes' }),
    q('select_one condition', 'house_condition', 'สภาพบ้าน', 'Condition of the house', { ...hint('บ้านมั่นคงถาวร ใช้งานได้อย่างน้อย 5 ปี', 'Sound: will last at least 5 more years') }),
    q('select_one roof', 'roof', 'วัสดุหลังคา', 'Roof'),
    q('integer', 'rooms', 'จำนวนห้องนอน', 'Bedrooms', check('. >= 0 and . <= 20', 'จำนวนห้อง 0–20', '0 to 20 rooms')),
    q('integer', 'years_here', 'อาศัยอยู่ที่นี่มากี่ปี', 'Years living here', check('. >= 0 and . <= 100', '0–100 ปี', '0 to 100 years')),
    q('select_one electricity', 'electricity', 'ไฟฟ้า', 'Electricity'),
    q('select_one toilet', 'toilet', 'ส้วม', 'Toilet'),
    q('select_multiple waste', 'waste', 'การจัดการขยะ', 'Household waste', check(NONE_ALONE, ...NONE_ALONE_MSG)),
    end('end_group'),

    q('begin_group', 'water', 'น้ำดื่มน้ำใช้', 'Water', { relevant: CONSENTED }),
    q('select_one drinking_water', 'drinking_water', 'น้ำดื่มหลัก', 'Main drinking water'),
    q('text', 'drinking_water_other', 'น้ำดื่มอื่น ๆ (ระบุ)', 'Other drinking water (specify)', { relevant: "${drinking_water} = 'other'", required: 'yes' }),
    q('select_one yes_no', 'water_enough', 'มีน้ำดื่มสะอาดพอดื่มตลอดปี (คนละ 5 ลิตรต่อวัน)', 'Enough clean drinking water all year (5 litres per person per day)'),
    q('select_one water_use', 'water_use', 'น้ำใช้หลัก', 'Main water for household use'),
    q('select_one yes_no', 'water_use_enough', 'มีน้ำใช้พอตลอดปี (คนละ 45 ลิตรต่อวัน)', 'Enough water for use all year (45 litres per person per day)'),
    q('select_multiple treatment', 'water_treatment', 'การทำน้ำให้สะอาดก่อนดื่ม', 'Treatment of drinking water', check(NONE_ALONE, ...NONE_ALONE_MSG)),
    end('end_group'),

    q('begin_group', 'income', 'รายได้และหนี้สิน', 'Income and debt', { relevant: CONSENTED }),
    q('select_one income_source', 'main_income', 'รายได้หลักของครัวเรือน', 'Main source of income', { required: 'yes' }),
    q('text', 'main_income_other', 'รายได้หลักอื่น ๆ (ระบุ)', 'Other main income (specify)', { relevant: "${main_income} = 'other'", required: 'yes' }),
    q('integer', 'hh_income', 'รายได้ทั้งครัวเรือนในรอบปี (บาท)', 'Household income in the past year (baht)', { required: 'yes', ...check('. >= 0 and . <= 5000000', 'รายได้ 0–5,000,000 บาท', '0 to 5,000,000 baht') }),
    { type: 'calculate', name: 'income_per_person', calculation: 'if(${hh_members} > 0, round(${hh_income} div ${hh_members}, 0), 0)' },
    { type: 'calculate', name: 'below_bmn', calculation: "if(${income_per_person} < 38000, 'yes', 'no')" },
    q('note', 'income_note', 'รายได้เฉลี่ยต่อคนต่อปี ${income_per_person} บาท', 'Income per person per year: ${income_per_person} baht', { relevant: "${below_bmn} = 'yes'" }),
    q('select_one yes_no', 'has_debt', 'ครัวเรือนมีหนี้สินหรือไม่', 'Does the household have debts?'),
    q('integer', 'debt_amount', 'ยอดหนี้คงค้าง (บาท)', 'Debt outstanding (baht)', { relevant: "${has_debt} = 'yes'", ...check('. > 0 and . <= 10000000', 'ยอดหนี้ต้องมากกว่า 0', 'The debt must be more than 0') }),
    q('select_multiple debt_source', 'debt_sources', 'แหล่งหนี้', 'Lenders', { relevant: "${has_debt} = 'yes'" }),
    q('select_one yes_no', 'savings', 'มีการเก็บออมเงิน', 'Does the household save?'),
    q('select_one yes_no', 'welfare_card', 'มีบัตรสวัสดิการแห่งรัฐ', 'State welfare card holder'),
    q('decimal', 'farm_land_rai', 'ที่ดินทำกิน (ไร่)', 'Farm land (rai)', check('. >= 0 and . <= 500', '0–500 ไร่', '0 to 500 rai')),
    end('end_group'),

    q('begin_group', 'health', 'สุขภาพ', 'Health', { relevant: CONSENTED }),
    q('select_one yes_no', 'smoker_in_house', 'มีคนสูบบุหรี่ในบ้าน', 'Someone smokes in the house'),
    q('select_one yes_no', 'alcohol', 'มีคนดื่มสุราเป็นประจำ', 'Someone drinks alcohol regularly'),
    q('select_one yes_no', 'mosquito_protection', 'ป้องกันยุงลาย (ทายากันยุง มุ้ง ปิดภาชนะน้ำ)', 'Protected against mosquitoes (repellent, nets, covered water jars)'),
    q('select_one yes_no', 'checkup', 'สมาชิกอายุ 35 ปีขึ้นไปได้รับการตรวจสุขภาพประจำปี', 'Members aged 35 and over had a yearly health check'),
    q('select_multiple disaster', 'disaster', 'ภัยพิบัติในรอบปี', 'Disasters in the past year', check(NONE_ALONE, ...NONE_ALONE_MSG)),
    q('decimal', 'hospital_km', 'ระยะทางถึง รพ.สต. หรือโรงพยาบาลใกล้ที่สุด (กม.)', 'Distance to the nearest health centre or hospital (km)', check('. >= 0 and . <= 200', '0–200 กม.', '0 to 200 km')),
    end('end_group'),

    q('begin_group', 'education', 'การศึกษา', 'Education', { relevant: CONSENTED }),
    q('integer', 'children_6_15', 'เด็กอายุ 6–15 ปี (คน)', 'Children aged 6 to 15', check('. >= 0 and . <= ${hh_members}', 'ไม่เกินจำนวนสมาชิก', 'Not more than the members of the household')),
    q('integer', 'out_of_school', 'เด็กอายุ 6–15 ปีที่ไม่ได้เรียน (คน)', 'Of them, not in school', { relevant: '${children_6_15} > 0', ...check('. >= 0 and . <= ${children_6_15}', 'ไม่เกินจำนวนเด็กอายุ 6–15 ปี', 'Not more than the children aged 6 to 15') }),
    q('select_one yes_no', 'reads_thai', 'คนอายุ 15–59 ปีทุกคนอ่านเขียนภาษาไทยได้', 'Everyone aged 15 to 59 reads and writes Thai'),
    end('end_group'),

    q('note', 'members_note', 'บันทึกข้อมูลสมาชิกทุกคนที่อาศัยอยู่จริง (${hh_members} คน)', 'Record every member living here (${hh_members})', { relevant: CONSENTED }),
    q('begin_repeat', 'members', 'สมาชิกในครัวเรือน', 'Household members', { relevant: CONSENTED, repeat_count: '${hh_members}' }),
    q('text', 'name', 'ชื่อ-สกุล', 'Full name', { required: 'yes' }),
    q('select_one sex', 'sex', 'เพศ', 'Sex', { required: 'yes' }),
    q('date', 'birth_date', 'วันเกิด', 'Date of birth', { required: 'yes', ...check('. <= today()', 'วันเกิดต้องไม่เกินวันนี้', 'The date of birth cannot be in the future') }),
    { type: 'calculate', name: 'age', calculation: 'int((decimal-date-time(today()) - decimal-date-time(${birth_date})) div 365.25)' },
    q('select_one relation', 'relation', 'ความสัมพันธ์กับหัวหน้าครัวเรือน', 'Relation to the head', { required: 'yes' }),
    q('select_one schooling', 'schooling', 'การศึกษาสูงสุด', 'Highest schooling', { relevant: '${age} >= 3' }),
    q('select_one occupation', 'occupation', 'อาชีพหลัก', 'Main occupation', { relevant: '${age} >= 15' }),
    q('integer', 'member_income', 'รายได้ต่อเดือน (บาท)', 'Monthly income (baht)', { relevant: '${age} >= 15', ...check('. >= 0 and . <= 500000', 'รายได้ 0–500,000 บาท', '0 to 500,000 baht') }),
    q('select_one yes_no', 'disability', 'มีความพิการ', 'Has a disability'),
    q('select_one yes_no', 'bedridden', 'ติดเตียง', 'Bedridden', { relevant: "${age} >= 15 or ${disability} = 'yes'" }),
    q('select_multiple chronic', 'chronic', 'โรคเรื้อรัง', 'Chronic illness', check(NONE_ALONE, ...NONE_ALONE_MSG)),
    q('select_one vaccinated', 'vaccinated', 'ได้รับวัคซีนตามเกณฑ์', 'Vaccinations up to date'),
    q('select_one yes_no', 'has_id', 'มีบัตรประจำตัวประชาชน', 'Has a Thai ID card'),
    end('end_repeat'),

    { type: 'calculate', name: 'members_income', calculation: 'sum(${member_income})' },
    q('text', 'comments', 'ข้อสังเกตของผู้สำรวจ', 'Surveyor’s notes', { appearance: 'multiline' }),
  ];
}

/** Choice lists: [list_name, name, Thai, English]. */
const CHOICES: Array<[string, string, string, string]> = [
  ['yes_no', 'yes', 'ใช่/มี', 'Yes'],
  ['yes_no', 'no', 'ไม่ใช่/ไม่มี', 'No'],
  ['house_type', 'detached', 'บ้านเดี่ยว', 'Detached house'],
  ['house_type', 'townhouse', 'ทาวน์เฮาส์/ห้องแถว', 'Townhouse or row house'],
  ['house_type', 'shophouse', 'ตึกแถวพาณิชย์', 'Shophouse'],
  ['house_type', 'flat', 'แฟลต/อพาร์ตเมนต์', 'Flat or apartment'],
  ['house_type', 'shack', 'เพิงพัก/บ้านชั่วคราว', 'Shack or temporary shelter'],
  ['tenure', 'owner', 'เป็นเจ้าของ', 'Owner'],
  ['tenure', 'renter', 'เช่า', 'Renter'],
  ['tenure', 'relative', 'อาศัยญาติ/ผู้อื่นโดยไม่เสียค่าเช่า', 'Lives with relatives, rent-free'],
  ['tenure', 'public_land', 'ที่ดินสาธารณะ/ที่ดินการรถไฟ', 'Public or railway land'],
  ['condition', 'sound', 'มั่นคงถาวร', 'Sound'],
  ['condition', 'repair', 'ต้องซ่อมแซม', 'Needs repair'],
  ['condition', 'dilapidated', 'ทรุดโทรม', 'Dilapidated'],
  ['roof', 'tile', 'กระเบื้อง', 'Tiles'],
  ['roof', 'metal', 'สังกะสี/เมทัลชีท', 'Corrugated metal'],
  ['roof', 'concrete', 'คอนกรีต', 'Concrete'],
  ['roof', 'thatch', 'จาก/หญ้าคา', 'Thatch'],
  ['electricity', 'grid', 'ไฟฟ้าส่วนภูมิภาค (มีมิเตอร์ของตนเอง)', 'Grid, own meter'],
  ['electricity', 'shared', 'พ่วงจากบ้านอื่น', 'Shared from a neighbour'],
  ['electricity', 'solar', 'โซลาร์เซลล์', 'Solar'],
  ['electricity', 'none', 'ไม่มีไฟฟ้า', 'None'],
  ['toilet', 'flush', 'ส้วมชักโครก/ส้วมซึม', 'Flush or pour-flush'],
  ['toilet', 'pit', 'ส้วมหลุม', 'Pit latrine'],
  ['toilet', 'shared', 'ใช้ส้วมร่วมกับบ้านอื่น', 'Shared'],
  ['toilet', 'none', 'ไม่มีส้วม', 'None'],
  ['waste', 'collected', 'เทศบาล/อบต. เก็บ', 'Collected by the municipality'],
  ['waste', 'sorted', 'คัดแยกขยะ', 'Sorted'],
  ['waste', 'compost', 'ทำปุ๋ยหมัก', 'Composted'],
  ['waste', 'burned', 'เผา', 'Burned'],
  ['waste', 'none', 'ไม่มีการจัดการ', 'None'],
  ['drinking_water', 'bottled', 'น้ำบรรจุขวด/ตู้หยอดเหรียญ', 'Bottled or vending machine'],
  ['drinking_water', 'tap', 'น้ำประปา', 'Tap water'],
  ['drinking_water', 'rain', 'น้ำฝน', 'Rain water'],
  ['drinking_water', 'well', 'น้ำบ่อ/บาดาล', 'Well or borehole'],
  ['drinking_water', 'other', 'อื่น ๆ', 'Other'],
  ['water_use', 'tap', 'น้ำประปา', 'Tap water'],
  ['water_use', 'well', 'น้ำบ่อ/บาดาล', 'Well or borehole'],
  ['water_use', 'canal', 'คลอง/แหล่งน้ำธรรมชาติ', 'Canal or pond'],
  ['water_use', 'bought', 'ซื้อน้ำ', 'Bought'],
  ['treatment', 'boil', 'ต้ม', 'Boiled'],
  ['treatment', 'filter', 'เครื่องกรอง', 'Filter'],
  ['treatment', 'chlorine', 'คลอรีน', 'Chlorine'],
  ['treatment', 'none', 'ไม่ได้ทำ', 'None'],
  ['income_source', 'rubber', 'สวนยางพารา', 'Rubber'],
  ['income_source', 'farming', 'เกษตรกรรมอื่น/ประมง', 'Other farming or fishing'],
  ['income_source', 'wage', 'รับจ้าง/ลูกจ้าง', 'Wage work'],
  ['income_source', 'trade', 'ค้าขาย/ธุรกิจส่วนตัว', 'Trade or own business'],
  ['income_source', 'government', 'รับราชการ/รัฐวิสาหกิจ', 'Civil service'],
  ['income_source', 'welfare', 'เบี้ยยังชีพ/เงินช่วยเหลือ', 'Allowances'],
  ['income_source', 'remittance', 'เงินที่ลูกหลานส่งให้', 'Remittances'],
  ['income_source', 'other', 'อื่น ๆ', 'Other'],
  ['debt_source', 'bank', 'ธนาคาร', 'Bank'],
  ['debt_source', 'baac', 'ธ.ก.ส.', 'BAAC'],
  ['debt_source', 'village_fund', 'กองทุนหมู่บ้าน', 'Village fund'],
  ['debt_source', 'coop', 'สหกรณ์', 'Cooperative'],
  ['debt_source', 'informal', 'เงินกู้นอกระบบ', 'Informal lender'],
  ['debt_source', 'relatives', 'ญาติ/เพื่อน', 'Relatives or friends'],
  ['disaster', 'flood', 'น้ำท่วม', 'Flood'],
  ['disaster', 'storm', 'พายุ', 'Storm'],
  ['disaster', 'drought', 'ภัยแล้ง', 'Drought'],
  ['disaster', 'fire', 'ไฟไหม้', 'Fire'],
  ['disaster', 'none', 'ไม่มี', 'None'],
  ['sex', 'male', 'ชาย', 'Male'],
  ['sex', 'female', 'หญิง', 'Female'],
  ['relation', 'head', 'หัวหน้าครัวเรือน', 'Head'],
  ['relation', 'spouse', 'คู่สมรส', 'Spouse'],
  ['relation', 'child', 'บุตร', 'Child'],
  ['relation', 'parent', 'บิดา/มารดา', 'Parent'],
  ['relation', 'grandchild', 'หลาน', 'Grandchild'],
  ['relation', 'relative', 'ญาติ', 'Relative'],
  ['relation', 'other', 'ผู้อาศัย', 'Other'],
  ['schooling', 'none', 'ไม่ได้เรียน', 'None'],
  ['schooling', 'preschool', 'ก่อนประถม', 'Pre-school'],
  ['schooling', 'primary', 'ประถมศึกษา', 'Primary'],
  ['schooling', 'lower_secondary', 'มัธยมต้น', 'Lower secondary'],
  ['schooling', 'upper_secondary', 'มัธยมปลาย/ปวช.', 'Upper secondary or vocational'],
  ['schooling', 'diploma', 'ปวส./อนุปริญญา', 'Diploma'],
  ['schooling', 'bachelor', 'ปริญญาตรีขึ้นไป', 'Bachelor or higher'],
  ['schooling', 'religious', 'ปอเนาะ/ศาสนา', 'Religious school (pondok)'],
  ['occupation', 'none', 'ไม่ได้ทำงาน', 'Not working'],
  ['occupation', 'student', 'นักเรียน/นักศึกษา', 'Student'],
  ['occupation', 'rubber', 'กรีดยาง', 'Rubber tapper'],
  ['occupation', 'farmer', 'เกษตรกร', 'Farmer'],
  ['occupation', 'fisher', 'ประมง', 'Fisher'],
  ['occupation', 'labourer', 'รับจ้างทั่วไป', 'Labourer'],
  ['occupation', 'employee', 'พนักงานบริษัท/โรงงาน', 'Employee'],
  ['occupation', 'trader', 'ค้าขาย', 'Trader'],
  ['occupation', 'civil_servant', 'รับราชการ', 'Civil servant'],
  ['occupation', 'homemaker', 'แม่บ้าน/พ่อบ้าน', 'Homemaker'],
  ['chronic', 'none', 'ไม่มี', 'None'],
  ['chronic', 'diabetes', 'เบาหวาน', 'Diabetes'],
  ['chronic', 'hypertension', 'ความดันโลหิตสูง', 'High blood pressure'],
  ['chronic', 'heart', 'โรคหัวใจ', 'Heart disease'],
  ['chronic', 'kidney', 'โรคไต', 'Kidney disease'],
  ['chronic', 'stroke', 'หลอดเลือดสมอง', 'Stroke'],
  ['chronic', 'cancer', 'มะเร็ง', 'Cancer'],
  ['vaccinated', 'complete', 'ครบตามเกณฑ์', 'Complete'],
  ['vaccinated', 'partial', 'ไม่ครบ', 'Partial'],
  ['vaccinated', 'none', 'ไม่เคยได้รับ', 'None'],
  ['vaccinated', 'unknown', 'ไม่ทราบ', 'Unknown'],
];

/** The XLSForm of the household survey. */
export function householdSurvey(version = HOUSEHOLD_FORM_VERSION): XlsFormSpec {
  return {
    survey: survey(),
    choices: CHOICES.map(([list, name, th, en]) => ({ list_name: list, name, [`label::${TH}`]: th, [`label::${EN}`]: en })),
    settings: {
      form_title: 'แบบสำรวจข้อมูลครัวเรือน (จปฐ.)',
      form_id: HOUSEHOLD_FORM_ID,
      version,
      default_language: TH,
      instance_name: "concat('บ้านเลขที่ ', ${house_no}, ' หมู่ ', ${moo}, ' ', ${respondent_name})",
    },
  };
}

export interface QuestionInfo {
  /** Position in the form (0-based, depth first). */
  order: number;
  /** The XLSForm type as written ("select_one yes_no", "integer", "note"…). */
  type: string;
}

/**
 * The questions of a survey sheet by instance path, repeat instances
 * written as "members[]": what an instance may contain, in form order.
 * Metadata and notes included (ODK Collect writes notes as empty elements).
 */
export function questionIndex(rows: SheetRows): Map<string, QuestionInfo> {
  const stack: string[] = [];
  const out = new Map<string, QuestionInfo>();
  for (const r of rows) {
    const type = String(r.type ?? '').trim();
    const name = String(r.name ?? '').trim();
    if (type === 'begin_group' || type === 'begin group') stack.push(name);
    else if (type === 'begin_repeat' || type === 'begin repeat') stack.push(`${name}[]`);
    else if (/^end[_ ](group|repeat)$/.test(type)) stack.pop();
    else if (name) out.set([...stack, name].join('/'), { order: out.size, type });
  }
  return out;
}

/** The choice names of each list. */
export function choiceNames(spec: XlsFormSpec = householdSurvey()): Map<string, Set<string>> {
  const lists = new Map<string, Set<string>>();
  for (const c of spec.choices ?? []) {
    const list = String(c.list_name);
    if (!lists.has(list)) lists.set(list, new Set());
    lists.get(list)!.add(String(c.name));
  }
  return lists;
}

// ------------------------------------------------------------ instances

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A UUID v4 from the seeded generator (so a seed always makes the same IDs). */
function uuid4(rng: Random): string {
  const b = rng.fill(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

/** An ODK timestamp in Thailand's time zone: 2025-07-14T09:12:33.120+07:00. */
function bangkok(ms: number): string {
  const d = new Date(ms + 7 * 3600_000);
  return `${d.toISOString().slice(0, 23)}+07:00`;
}

function addYears(date: string, years: number, rng: Random): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - rng.int(0, 364));
  return iso(d);
}

function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = on.split('-').map(Number) as [number, number, number];
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}

interface Member {
  name: string;
  sex: 'male' | 'female';
  birth: string;
  age: number;
  relation: string;
}

/** Songkhla village codes (district 9011 Hat Yai and neighbours) with the moo they belong to. */
const DISTRICT_SUBDISTRICTS = ['901101', '901102', '901103', '901104', '901105', '901106', '901107', '901108', '900101', '900102', '900103', '901001', '901002', '901501', '900301'];

export interface InstanceOptions {
  formId?: string;
  version?: string;
  /** Element name of the instance root (the form's root node); default the form id. */
  rootName?: string;
  /** Members per household: a number, or [min, max]. Default exactly 4. */
  members?: number | [number, number];
  /** First survey day (ISO); surveys spread over the following 150 days. */
  from?: string;
}

/**
 * Instance XML of the household survey, one household per call: a
 * plausible family (head, spouse, children, a grandparent), incomes,
 * housing and health answers with the skip logic applied.
 */
export class HouseholdInstances {
  private readonly rng: Random;
  private readonly formId: string;
  private readonly version: string;
  private readonly rootName: string;
  private readonly members: [number, number];
  private readonly fromMs: number;
  private readonly surveyors: string[];
  count = 0;

  constructor(seed: Seed, opts: InstanceOptions = {}) {
    this.rng = new Random(`${String(seed)}:household-instances`);
    this.formId = opts.formId ?? HOUSEHOLD_FORM_ID;
    this.version = opts.version ?? HOUSEHOLD_FORM_VERSION;
    this.rootName = opts.rootName ?? this.formId;
    const m = opts.members ?? 4;
    this.members = typeof m === 'number' ? [m, m] : m;
    this.fromMs = Date.parse(`${opts.from ?? '2025-06-01'}T00:00:00Z`);
    this.surveyors = Array.from({ length: 40 }, () => this.fullName(this.rng.chance(0.8) ? 'female' : 'male', 45, false));
  }

  /** A new random instanceID (`uuid:` + v4) from the seeded stream. */
  newInstanceId(): string {
    return `uuid:${uuid4(this.rng)}`;
  }

  private given(sex: 'male' | 'female', age: number, muslim: boolean): Name {
    const r = this.rng;
    if (muslim) return r.pick(sex === 'male' ? MUSLIM_MALE : MUSLIM_FEMALE);
    if (age >= 60) return r.pick(sex === 'male' ? MALE_OLD : FEMALE_OLD);
    if (age >= 30) return r.pick(sex === 'male' ? MALE_MID : FEMALE_MID);
    return r.pick(sex === 'male' ? MALE_YOUNG : FEMALE_YOUNG);
  }

  private fullName(sex: 'male' | 'female', age: number, muslim: boolean, surname?: string): string {
    const last = surname ?? this.rng.pick(muslim ? MUSLIM_SURNAMES : SURNAMES).th;
    return `${this.given(sex, age, muslim).th} ${last}`;
  }

  private family(surveyDate: string, size: number, muslim: boolean): Member[] {
    const r = this.rng;
    const surname = r.pick(muslim ? MUSLIM_SURNAMES : SURNAMES).th;
    const out: Member[] = [];
    const add = (sex: 'male' | 'female', years: number, relation: string, ownSurname = surname) => {
      const birth = addYears(surveyDate, Math.max(0, years), r);
      out.push({ name: this.fullName(sex, years, muslim, ownSurname), sex, birth, age: ageOn(birth, surveyDate), relation });
    };
    const headSex = r.chance(0.7) ? 'male' : 'female';
    const headAge = r.int(28, 78);
    add(headSex, headAge, 'head');
    if (out.length < size && r.chance(0.85)) add(headSex === 'male' ? 'female' : 'male', Math.max(20, headAge + r.int(-8, 4)), 'spouse');
    if (out.length < size && headAge >= 55 && r.chance(0.3)) {
      add(r.chance(0.5) ? 'male' : 'female', Math.max(0, headAge - r.int(25, 35)), 'child');
      while (out.length < size && r.chance(0.7)) add(r.chance(0.5) ? 'male' : 'female', r.int(0, 12), 'grandchild');
    }
    while (out.length < size) {
      const roll = r.next();
      if (roll < 0.7 && headAge >= 20) add(r.chance(0.5) ? 'male' : 'female', Math.max(0, headAge - r.int(20, 40)), 'child');
      else if (roll < 0.85 && headAge < 60) add(r.chance(0.6) ? 'female' : 'male', Math.min(98, headAge + r.int(22, 32)), 'parent');
      else if (roll < 0.95) add(r.chance(0.5) ? 'male' : 'female', r.int(5, 70), 'relative', r.pick(SURNAMES).th);
      else add(r.chance(0.5) ? 'male' : 'female', r.int(18, 50), 'other', r.pick(SURNAMES).th);
    }
    return out;
  }

  /** One instance; `instanceId` defaults to a fresh seeded `uuid:<v4>`. */
  next(instanceId = this.newInstanceId()): string {
    const r = this.rng;
    this.count++;
    const startMs = this.fromMs + r.int(0, 150 * 86_400) * 1000;
    const surveyDate = iso(new Date(startMs + 7 * 3600_000));
    const endMs = startMs + r.int(8 * 60, 35 * 60) * 1000;
    const subdistrict = r.pick(DISTRICT_SUBDISTRICTS);
    const moo = r.int(1, 12);
    const houseNo = r.chance(0.3) ? `${r.int(1, 250)}/${r.int(1, 40)}` : String(r.int(1, 400));
    const muslim = r.chance(0.3);
    const [minM, maxM] = this.members;
    const size = r.int(minM, maxM);
    const members = this.family(surveyDate, size, muslim);
    const head = members[0]!;
    const consent = r.chance(0.98);

    const x: string[] = [];
    const el = (name: string, value: string | number) => x.push(`<${name}>${typeof value === 'number' ? String(value) : esc(value)}</${name}>`);
    const empty = (name: string) => x.push(`<${name}/>`);
    const open = (name: string) => x.push(`<${name}>`);
    const close = (name: string) => x.push(`</${name}>`);
    const yn = (p: number) => (r.chance(p) ? 'yes' : 'no');
    const pickW = <T extends string>(entries: Array<[T, number]>): T => {
      let t = r.next() * entries.reduce((a, [, w]) => a + w, 0);
      for (const [v, w] of entries) if ((t -= w) < 0) return v;
      return entries[entries.length - 1]![0];
    };
    const multi = (options: Array<[string, number]>, none = 'none'): string => {
      const picked = options.filter(([, p]) => r.chance(p)).map(([v]) => v);
      return picked.length ? picked.join(' ') : none;
    };

    x.push(`<?xml version='1.0' ?><${this.rootName} id="${esc(this.formId)}" version="${esc(this.version)}" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms">`);
    el('start', bangkok(startMs));
    el('end', bangkok(endMs));
    el('today', surveyDate);
    el('deviceid', `collect:${r.digits(4)}${uuid4(r).replace(/-/g, '').slice(0, 12)}`);

    open('survey_info');
    empty('intro');
    el('surveyor_name', r.pick(this.surveyors));
    el('survey_date', surveyDate);
    el('village_code', `${subdistrict}${pad(moo)}`);
    el('moo', moo);
    el('house_no', houseNo);
    if (r.chance(0.95)) el('gps', `${(6.95 + r.next() * 0.2).toFixed(7)} ${(100.35 + r.next() * 0.25).toFixed(7)} ${(r.next() * 40).toFixed(1)} ${(3 + r.next() * 12).toFixed(1)}`);
    else empty('gps');
    close('survey_info');

    open('respondent');
    const respondent = r.chance(0.8) ? head : (members[1] ?? head);
    el('respondent_name', respondent.name);
    if (r.chance(0.85)) el('respondent_phone', `0${r.pick(['6', '8', '9'])}${r.digits(8)}`);
    else empty('respondent_phone');
    el('consent', consent ? 'yes' : 'no');
    close('respondent');

    const memberIncome = members.map((m) => (m.age >= 15 && m.age < 70 && r.chance(0.75) ? Math.round(r.lognormal(9000, 0.6) / 100) * 100 : 0));
    const hhIncome = memberIncome.reduce((a, b) => a + b, 0) * 12 + (r.chance(0.5) ? r.int(0, 60) * 1000 : 0);
    const incomePerPerson = Math.round(hhIncome / members.length);
    if (consent) {
      open('housing');
      el('hh_members', members.length);
      const tenure = pickW([['owner', 70], ['renter', 15], ['relative', 8], ['public_land', 7]]);
      el('house_type', tenure === 'public_land' ? pickW([['shack', 3], ['detached', 2]]) : pickW([['detached', 60], ['townhouse', 20], ['shophouse', 8], ['flat', 8], ['shack', 4]]));
      el('tenure', tenure);
      el('house_condition', pickW([['sound', 75], ['repair', 20], ['dilapidated', 5]]));
      el('roof', pickW([['tile', 50], ['metal', 40], ['concrete', 8], ['thatch', 2]]));
      el('rooms', r.int(1, 5));
      el('years_here', r.int(0, Math.min(60, head.age)));
      el('electricity', pickW([['grid', 92], ['shared', 6], ['solar', 1.5], ['none', 0.5]]));
      el('toilet', pickW([['flush', 93], ['pit', 3], ['shared', 3.5], ['none', 0.5]]));
      el('waste', multi([['collected', 0.7], ['sorted', 0.4], ['compost', 0.15], ['burned', 0.2]]));
      close('housing');

      open('water');
      const drinking = pickW([['bottled', 60], ['tap', 15], ['rain', 10], ['well', 10], ['other', 5]]);
      el('drinking_water', drinking);
      if (drinking === 'other') el('drinking_water_other', r.pick(['น้ำกรองจากร้านในชุมชน', 'น้ำจากภูเขา', 'น้ำ RO ของวัด']));
      el('water_enough', yn(0.96));
      el('water_use', pickW([['tap', 70], ['well', 25], ['canal', 3], ['bought', 2]]));
      el('water_use_enough', yn(0.93));
      el('water_treatment', drinking === 'bottled' ? 'none' : multi([['boil', 0.5], ['filter', 0.4], ['chlorine', 0.05]]));
      close('water');

      open('income');
      const main = pickW([['rubber', 30], ['farming', 10], ['wage', 25], ['trade', 15], ['government', 7], ['welfare', 6], ['remittance', 5], ['other', 2]]);
      el('main_income', main);
      if (main === 'other') el('main_income_other', r.pick(['ขายของออนไลน์', 'ขับวินมอเตอร์ไซค์', 'รับเลี้ยงเด็ก']));
      el('hh_income', hhIncome);
      el('income_per_person', incomePerPerson);
      el('below_bmn', incomePerPerson < 38000 ? 'yes' : 'no');
      if (incomePerPerson < 38000) empty('income_note');
      const debt = r.chance(0.55);
      el('has_debt', debt ? 'yes' : 'no');
      if (debt) {
        el('debt_amount', Math.round(r.lognormal(80000, 1) / 1000) * 1000 + 1000);
        el('debt_sources', multi([['bank', 0.3], ['baac', 0.35], ['village_fund', 0.3], ['coop', 0.15], ['informal', 0.12], ['relatives', 0.15]], 'bank'));
      }
      el('savings', yn(0.6));
      el('welfare_card', yn(incomePerPerson < 38000 ? 0.7 : 0.25));
      el('farm_land_rai', main === 'rubber' || main === 'farming' ? (r.int(2, 60) + r.int(0, 3) / 4).toFixed(2) : '0');
      close('income');

      open('health');
      el('smoker_in_house', yn(0.35));
      el('alcohol', yn(0.25));
      el('mosquito_protection', yn(0.85));
      el('checkup', yn(0.7));
      el('disaster', multi([['flood', 0.18], ['storm', 0.06], ['drought', 0.04], ['fire', 0.01]]));
      el('hospital_km', (0.3 + r.lognormal(3, 0.7)).toFixed(1));
      close('health');

      open('education');
      const kids = members.filter((m) => m.age >= 6 && m.age <= 15).length;
      el('children_6_15', kids);
      if (kids > 0) el('out_of_school', r.chance(0.03) ? 1 : 0);
      el('reads_thai', yn(muslim ? 0.85 : 0.97));
      close('education');

      empty('members_note');
      members.forEach((m, i) => {
        open('members');
        el('name', m.name);
        el('sex', m.sex);
        el('birth_date', m.birth);
        el('age', m.age);
        el('relation', m.relation);
        if (m.age >= 3) {
          el('schooling', m.age < 6 ? 'preschool'
            : m.age <= 15 ? (m.age <= 12 ? 'primary' : 'lower_secondary')
              : muslim && r.chance(0.15) ? 'religious'
                : pickW([['none', m.age >= 60 ? 8 : 1], ['primary', m.age >= 50 ? 55 : 20], ['lower_secondary', 18], ['upper_secondary', 25], ['diploma', 8], ['bachelor', m.age < 50 ? 20 : 6]]));
        }
        if (m.age >= 15) {
          const income = memberIncome[i]!;
          el('occupation', m.age <= 22 && r.chance(0.6) ? 'student'
            : income === 0 ? pickW([['none', 6], ['homemaker', 4]])
              : pickW([['rubber', 25], ['farmer', 8], ['fisher', 4], ['labourer', 22], ['employee', 18], ['trader', 15], ['civil_servant', 8]]));
          el('member_income', income);
        }
        const disabled = r.chance(m.age >= 70 ? 0.12 : 0.03);
        el('disability', disabled ? 'yes' : 'no');
        if (m.age >= 15 || disabled) el('bedridden', r.chance(m.age >= 80 ? 0.15 : disabled ? 0.2 : 0.005) ? 'yes' : 'no');
        el('chronic', m.age < 35 ? 'none' : multi([['diabetes', m.age >= 60 ? 0.2 : 0.08], ['hypertension', m.age >= 60 ? 0.4 : 0.15], ['heart', 0.04], ['kidney', 0.03], ['stroke', 0.02], ['cancer', 0.01]]));
        el('vaccinated', m.age < 7 ? pickW([['complete', 92], ['partial', 7], ['none', 1]]) : pickW([['complete', 70], ['partial', 15], ['none', 5], ['unknown', 10]]));
        el('has_id', m.age >= 7 && r.chance(0.98) ? 'yes' : 'no');
        close('members');
      });
    }
    // A calculate outside any group: present whatever was answered (0 with no members).
    el('members_income', consent ? memberIncome.reduce((a, b) => a + b, 0) : 0);
    if (r.chance(0.15)) {
      el('comments', r.pick([
        'ผู้สูงอายุอยู่ลำพังช่วงกลางวัน ควรเยี่ยมบ้านเดือนละครั้ง',
        'บ้านอยู่ในพื้นที่น้ำท่วมซ้ำซาก ขอรับการช่วยเหลือหลังคา',
        'หัวหน้าครัวเรือนตกงานจากโรงงานเมื่อสามเดือนก่อน',
        'มีผู้ป่วยติดเตียง ต้องการแพมเพิสผู้ใหญ่และที่นอนลม',
        'ครอบครัวย้ายมาจากอำเภอสะเดา ยังไม่ได้ย้ายทะเบียนบ้าน',
        `เด็กเล็ก ${members.filter((m) => m.age < 6).length} คน รอรับเงินอุดหนุนเด็กแรกเกิด & เบี้ยผู้สูงอายุ`,
      ]));
    } else {
      empty('comments');
    }
    const instanceName = `บ้านเลขที่ ${houseNo} หมู่ ${moo} ${respondent.name}`;
    x.push(`<meta><instanceID>${esc(instanceId)}</instanceID><instanceName>${esc(instanceName)}</instanceName></meta></${this.rootName}>`);
    return x.join('');
  }

  /**
   * A household whose instanceID can be swapped cheaply: the XML before and
   * after the ID (load clients send thousands of distinct IDs a second).
   */
  template(): { before: string; after: string } {
    const marker = `uuid:${randomUUID()}`;
    const xml = this.next(marker);
    const i = xml.indexOf(marker);
    return { before: xml.slice(0, i), after: xml.slice(i + marker.length) };
  }
}

// ------------------------------------------------------------ self-check

const TYPE_PATTERNS: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  today: /^\d{4}-\d{2}-\d{2}$/,
  start: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/,
  end: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/,
  geopoint: /^-?\d+(\.\d+)? -?\d+(\.\d+)? -?\d+(\.\d+)? \d+(\.\d+)?$/,
};

/**
 * Problems of one generated instance against the XLSForm: unknown
 * elements, elements out of form order, values of the wrong type, choices
 * not in their list, a missing or malformed instanceID. Empty when fine.
 */
export function instanceProblems(root: XmlElement, spec: XlsFormSpec = householdSurvey()): string[] {
  const index = questionIndex(spec.survey);
  const lists = choiceNames(spec);
  const problems: string[] = [];
  const formId = String(spec.settings?.form_id ?? '');
  if (root.attributes.id !== formId) problems.push(`root id="${root.attributes.id}", not ${formId}`);
  if (root.attributes.version !== String(spec.settings?.version ?? '')) problems.push(`root version="${root.attributes.version}"`);
  const visit = (el: XmlElement, prefix: string[]) => {
    let last = -1;
    for (const c of el.children) {
      if (prefix.length === 0 && c.name === 'meta') {
        const id = c.children.find((m) => m.name === 'instanceID')?.text ?? '';
        if (!/^uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) problems.push(`meta/instanceID "${id}" is not uuid:<v4>`);
        continue;
      }
      const isRepeat = index.has(`${[...prefix, `${c.name}[]`].join('/')}/name`);
      const path = [...prefix, isRepeat ? `${c.name}[]` : c.name];
      if (c.children.length > 0 || isRepeat) {
        visit(c, path);
        continue;
      }
      const q = index.get(path.join('/'));
      if (!q) {
        problems.push(`unknown element ${path.join('/')}`);
        continue;
      }
      if (q.order <= last) problems.push(`${path.join('/')} out of form order`);
      last = q.order;
      const value = c.text;
      if (value === '') continue;
      const [base, list] = q.type.split(/\s+/);
      if (base === 'select_one' || base === 'select_multiple') {
        const names = lists.get(list ?? '');
        const values = base === 'select_one' ? [value] : value.split(' ');
        for (const v of values) if (!names?.has(v)) problems.push(`${path.join('/')}: "${v}" is not in list ${list}`);
      } else if (base && TYPE_PATTERNS[base] && !TYPE_PATTERNS[base].test(value)) {
        problems.push(`${path.join('/')}: "${value}" is not a ${base}`);
      } else if (base === 'note' && value) {
        problems.push(`${path.join('/')}: a note with a value`);
      }
    }
  };
  visit(root, []);
  return problems;
}

/**
 * Leaf paths of a form definition as the server compiled it (repeats as
 * "members[]"), to check that generated instances fit what was uploaded.
 */
export function definitionPaths(def: FormDefinition): Set<string> {
  const out = new Set<string>();
  const visit = (nodes: FormNode[], prefix: string[]) => {
    for (const n of nodes) {
      if (n.kind === 'question') out.add([...prefix, n.name].join('/'));
      else visit(n.children, [...prefix, n.kind === 'repeat' ? `${n.name}[]` : n.name]);
    }
  };
  visit(def.root.children, []);
  return out;
}

/** Leaf paths of an instance (repeats as "members[]"), meta left out. */
export function instancePaths(root: XmlElement, repeats: ReadonlySet<string> = new Set(['members'])): Set<string> {
  const out = new Set<string>();
  const visit = (el: XmlElement, prefix: string[]) => {
    for (const c of el.children) {
      if (prefix.length === 0 && c.name === 'meta') continue;
      const path = [...prefix, repeats.has(c.name) ? `${c.name}[]` : c.name];
      if (c.children.length > 0) visit(c, path);
      else out.add(path.join('/'));
    }
  };
  visit(root, []);
  return out;
}

/**
 * Generated instances against the XLSForm and against the definition the
 * server compiled from it, and through the server's own reading of a
 * submission (instanceToData, validateInstance): average size, problems,
 * issues the server would flag (all should be none).
 */
export function checkGenerator(def: FormDefinition, seed: number | string, n = 200): { bytes: number; problems: string[]; issues: number } {
  const spec = householdSurvey(def.version);
  const known = definitionPaths(def);
  const gen = new HouseholdInstances(`${String(seed)}:check`, { version: def.version, rootName: def.root.name });
  const problems = new Set<string>();
  let bytes = 0;
  let issues = 0;
  for (let i = 0; i < n; i++) {
    const xml = gen.next();
    bytes += Buffer.byteLength(xml);
    const root = parseXml(xml);
    for (const p of instanceProblems(root, spec)) problems.add(p);
    for (const p of instancePaths(root)) if (!known.has(p)) problems.add(`${p} is not in the compiled form`);
    instanceToData(root, def);
    issues += validateInstance(def, root).length;
  }
  return { bytes: bytes / n, problems: [...problems].slice(0, 20), issues };
}
