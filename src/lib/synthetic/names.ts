/**
 * Name lists for synthetic people: Thai given names by sex and by the era
 * they were fashionable in, Thai surnames (a list of real-looking ones plus
 * southern compounds made up from common elements such as ชู-, คง-, หนู-,
 * -แก้ว, -ทอง), Malay-Muslim names common in Songkhla, and names of migrants
 * from Myanmar, Cambodia and Laos.
 *
 * Thai names carry an RTGS transliteration (Royal Thai General System: no
 * tones, no vowel length, final consonants as pronounced). Malay-Muslim and
 * migrant names carry the spelling their bearers use in passports
 * (Abdulloh, Fatimah, Aung Ko, Sok Dara), which is what a surveyor sees.
 *
 * Entries are `thai=Latin`, separated by commas or new lines. Combinations
 * of given name and surname are random: no real person is described.
 */

export interface Name {
  th: string;
  en: string;
}

function parse(list: string): Name[] {
  const out: Name[] = [];
  for (const raw of list.split(/[,\n]/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const [th, en] = entry.split('=');
    if (!th || !en) throw new Error(`bad name entry: ${entry}`);
    out.push({ th: th.trim(), en: en.trim() });
  }
  return out;
}

/** Male given names of people born before about 1966. */
export const MALE_OLD = parse(`
สมชาย=Somchai, สมศักดิ์=Somsak, สมพงษ์=Somphong, สมบัติ=Sombat, สมหมาย=Sommai, สมปอง=Sompong, สมคิด=Somkhit,
สมนึก=Somnuek, สมยศ=Somyot, สมาน=Saman, สมเกียรติ=Somkiat, สมหวัง=Somwang, บุญมี=Bunmi, บุญชัย=Bunchai,
บุญส่ง=Bunsong, บุญเลิศ=Bunloet, บุญธรรม=Buntham, บุญเรือง=Bunrueang, บุญยืน=Bunyuen, ประเสริฐ=Prasoet,
ประสิทธิ์=Prasit, ประยูร=Prayun, ประพันธ์=Praphan, ประสงค์=Prasong, ประจวบ=Prachuap, ประดิษฐ์=Pradit,
ประทีป=Prathip, ประเทือง=Prathueang, ประยุทธ=Prayut, ปรีชา=Pricha, เฉลิม=Chaloem, เจริญ=Charoen,
จำเริญ=Chamroen, ชูชาติ=Chuchat, ชูศักดิ์=Chusak, ณรงค์=Narong, ทองดี=Thongdi, ทองใบ=Thongbai,
ทองคำ=Thongkham, ทองสุข=Thongsuk, เที่ยง=Thiang, ถวิล=Thawin, ไพโรจน์=Phairot, ไพศาล=Phaisan,
พยุง=Phayung, มานพ=Manop, มนตรี=Montri, ยงยุทธ=Yongyut, วิชัย=Wichai, วิเชียร=Wichian, วิรัตน์=Wirat,
สนั่น=Sanan, สงัด=Sa-ngat, สุเทพ=Suthep, สุวิทย์=Suwit, เสถียร=Sathian, สำราญ=Samran, สวัสดิ์=Sawat,
สุชาติ=Suchat, อุดม=Udom, อำนวย=Amnuai, อำนาจ=Amnat, เอียด=Iat, เคลื่อน=Khluean, แดง=Daeng, ผล=Phon,
พร้อม=Phrom, เกษม=Kasem, กมล=Kamon, จรูญ=Charun, เล็ก=Lek, แปลก=Plaek, พูน=Phun, เพิ่ม=Phoem,
เหมือน=Muean, ล้วน=Luan, ชื่น=Chuen, ดำ=Dam, เขียว=Khiao, ปาน=Pan, ชุม=Chum, เจือ=Chuea, ฉลวย=Chaluai,
สมพร=Somphon, สมจิตร=Somchit, เสงี่ยม=Sa-ngiam, บรรจง=Banchong, ประวิทย์=Prawit, ชาญ=Chan, ไสว=Sawai,
หวน=Huan, คล้าย=Khlai, เปลื้อง=Plueang, ขุ้ย=Khui, นิยม=Niyom, เชื้อ=Chuea, ทวี=Thawi, บุญช่วย=Bunchuai
`);

/** Male given names of people born about 1966–1990. */
export const MALE_MID = parse(`
สุรชัย=Surachai, สุริยา=Suriya, สุรศักดิ์=Surasak, สุพจน์=Suphot, สุทธิพงษ์=Sutthiphong, สุรเชษฐ์=Surachet,
ชัยวัฒน์=Chaiwat, ชาญชัย=Chanchai, ชัยยา=Chaiya, ธวัชชัย=Thawatchai, ธีระ=Thira, ธีรวัฒน์=Thirawat,
ธนา=Thana, วีระ=Wira, วีรพงษ์=Wiraphong, วีระศักดิ์=Wirasak, วิโรจน์=Wirot, วิทยา=Witthaya, วันชัย=Wanchai,
วัชระ=Watchara, วรวุฒิ=Worawut, วุฒิชัย=Wutthichai, ศักดิ์ชัย=Sakchai, ศุภชัย=Supphachai, ศรชัย=Sonchai,
สาโรจน์=Sarot, อนุชา=Anucha, อนันต์=Anan, อภิชาติ=Aphichat, อดิศักดิ์=Adisak, อรรถพล=Atthaphon,
อิทธิพล=Itthiphon, เอกชัย=Ekkachai, เอกพล=Ekkaphon, กิตติพงษ์=Kittiphong, กิตติศักดิ์=Kittisak,
กฤษดา=Kritsada, กฤษณะ=Kritsana, จักรพันธ์=Chakkraphan, จิรศักดิ์=Chirasak, เจษฎา=Chetsada,
ชัยณรงค์=Chainarong, ทวีศักดิ์=Thawisak, ธนพล=Thanaphon, นพดล=Noppadon, นิพนธ์=Niphon, ปกรณ์=Pakon,
ปิยะ=Piya, พงศธร=Phongsathon, พิชัย=Phichai, พิทักษ์=Phithak, ไพบูลย์=Phaibun, ภานุวัฒน์=Phanuwat,
มงคล=Mongkhon, ยุทธนา=Yutthana, รังสรรค์=Rangsan, เรวัต=Rewat, วสันต์=Wasan, สมพล=Somphon,
สราวุธ=Sarawut, สิทธิชัย=Sitthichai, สุเมธ=Sumet, อนุสรณ์=Anuson, อรุณ=Arun, อุทัย=Uthai, ชาตรี=Chatri,
จตุพร=Chatuphon, ธนากร=Thanakon, ประสาน=Prasan, ณรงค์ศักดิ์=Narongsak, ปัญญา=Panya, วีรยุทธ=Wirayut,
สุชิน=Suchin, เกรียงไกร=Kriangkrai, เกียรติศักดิ์=Kiattisak, ธงชัย=Thongchai, พงษ์ศักดิ์=Phongsak,
ภูวดล=Phuwadon, สมชาติ=Somchat, อัครเดช=Akkharadet, อำพล=Amphon, ศิริชัย=Sirichai, สุนทร=Sunthon,
อภิสิทธิ์=Aphisit, อนุวัฒน์=Anuwat, สันติ=Santi, ไชยา=Chaiya, นิรันดร์=Niran, ประพาส=Praphat,
พรชัย=Phonchai, วิษณุ=Witsanu, สุรินทร์=Surin, อนุรักษ์=Anurak, เอนก=Anek, จีระศักดิ์=Chirasak,
ชยุต=Chayut, ทรงศักดิ์=Songsak, ธีรยุทธ=Thirayut, นิคม=Nikhom, บุญเชิด=Bunchoet, พิเชษฐ์=Phichet,
ยุทธพงษ์=Yutthaphong, วิวัฒน์=Wiwat, สมศักย์=Somsak, สุวัฒน์=Suwat, เอกรัฐ=Ekkarat, อำนวยพร=Amnuaiphon
`);

/** Male given names of people born after about 1990. */
export const MALE_YOUNG = parse(`
ธนกฤต=Thanakrit, ธนวัฒน์=Thanawat, ธนภัทร=Thanaphat, ณัฐวุฒิ=Natthawut, ณัฐพงศ์=Natthaphong,
ณัฐดนัย=Natdanai, ณัฐกิตติ์=Natthakit, ภาคิน=Phakhin, ภูมิพัฒน์=Phumiphat, ภูริ=Phuri, ปัณณวัฒน์=Pannawat,
พีรพัฒน์=Phiraphat, พีรวิชญ์=Phirawit, พงศกร=Phongsakon, จิรายุ=Chirayu, จิรวัฒน์=Chirawat, ชยพล=Chayaphon,
ชนาธิป=Chanathip, ณภัทร=Naphat, ธีรภัทร=Thiraphat, ธีรเดช=Thiradet, ปกป้อง=Pokpong, ปวริศ=Pawarit,
กฤตเมธ=Krittamet, กิตติพัฒน์=Kittiphat, กันตพงศ์=Kantaphong, คณิน=Khanin, ชนกันต์=Chanakan,
ฐิติพงศ์=Thitiphong, ณัฐนนท์=Natthanon, ธนดล=Thanadon, ธราเทพ=Tharathep, นนทพัทธ์=Nonthaphat,
นพรุจ=Nopparut, ปิยพงศ์=Piyaphong, พิชญะ=Phitchaya, พุฒิพงศ์=Phutthiphong, ภัทรพล=Phatthraphon,
ภานุพงศ์=Phanuphong, รัชชานนท์=Ratchanon, วรเมธ=Woramet, วัชรพล=Watcharaphon, ศุภกร=Supphakon,
ศิวกร=Siwakon, สิรวิชญ์=Sirawit, อนาวิน=Anawin, อภิวัฒน์=Aphiwat, อัครพล=Akkharaphon, อิทธิพัทธ์=Itthiphat,
ธีรวุฒิ=Thirawut, กฤษฎา=Kritsada, ปรเมศวร์=Poramet, ณัฐภัทร=Natthaphat, ธนพัฒน์=Thanaphat, ภูมิ=Phum,
เตชินท์=Techin, รพีภัทร=Raphiphat, ศุภวิชญ์=Supphawit, สิทธิโชค=Sitthichok, อัษฎาวุธ=Atsadawut,
กษิดิ์เดช=Kasidet, ชวิน=Chawin, ธาม=Tham, นิติ=Niti, ปัณณทัต=Pannathat, พัทธ์=Phat, วชิรวิทย์=Wachirawit,
ภูผา=Phupha, ธนบดี=Thanabodi, ก้องภพ=Kongphop, กวิน=Kawin, ชินดนัย=Chindanai, ณัฐชนน=Natchanon,
ธนวินท์=Thanawin, นราวิชญ์=Narawit, ปุณณภพ=Punnaphop, พสิษฐ์=Phasit, ภคพล=Phakhaphon, ศิรวิทย์=Sirawit,
สรวิศ=Sorawit, อชิระ=Achira, อิงครัต=Ingkharat, ธีรโชติ=Thirachot, วีรภัทร=Wiraphat, ภัทรพงศ์=Phatthraphong,
กรวิชญ์=Korawit, ชัชพล=Chatchaphon, ธนกร=Thanakon, รัฐภูมิ=Ratthaphum, วรากร=Warakon, ศักดิ์ดา=Sakda
`);

/** Female given names of people born before about 1966. */
export const FEMALE_OLD = parse(`
สมศรี=Somsi, สมจิตร=Somchit, สมใจ=Somchai, สมพร=Somphon, สมหญิง=Somying, สมปอง=Sompong, บุญเรือน=Bunruean,
บุญมา=Bunma, บุญศรี=Bunsi, ประไพ=Praphai, ประภา=Prapha, ประนอม=Pranom, ประยงค์=Prayong, ประคอง=Prakhong,
ทองใบ=Thongbai, ทองพูน=Thongphun, ทองม้วน=Thongmuan, มาลี=Mali, มณี=Mani, ลำดวน=Lamduan, ละเอียด=La-iat,
ละม่อม=Lamom, เล็ก=Lek, เสงี่ยม=Sa-ngiam, สำเนียง=Samniang, สุนีย์=Suni, สุดใจ=Sutchai, อำไพ=Amphai,
อารีย์=Ari, เอื้อง=Ueang, แฉล้ม=Chalaem, จันทร์เพ็ญ=Chanphen, จำปี=Champi, จำปา=Champa, นวล=Nuan, นิ่ม=Nim,
บุปผา=Buppha, เพ็ญศรี=Phensi, เพียร=Phian, ผ่องศรี=Phongsi, พเยาว์=Phayao, ยุพา=Yupha, ลำไย=Lamyai,
วันเพ็ญ=Wanphen, ศรีนวล=Sinuan, สายใจ=Saichai, สุภาพ=Suphap, หนูพิน=Nuphin, หนูเล็ก=Nulek, อุไร=Urai,
เอียด=Iat, นุ้ย=Nui, เคลือบ=Khlueap, ฉวี=Chawi, ชม=Chom, ชื่น=Chuen, แช่ม=Chaem, ทับทิม=Thapthim, บัว=Bua,
บุญล้อม=Bunlom, พิศ=Phit, ฟอง=Fong, ลออ=La-o, สงวน=Sa-nguan, สร้อย=Soi, เหรียญ=Rian, อ่อน=On,
ผิว=Phio, เลียบ=Liap, ขาว=Khao, ปราณี=Prani, สุมาลี=Sumali, กิมเอ็ง=Kim-eng, ทองคำ=Thongkham,
วาสนา=Wassana, ถนอม=Thanom, ละมัย=Lamai, หนูเรียม=Nuriam, เยาวภา=Yaowapha, พิณ=Phin, ศรีสุข=Sisuk
`);

/** Female given names of people born about 1966–1990. */
export const FEMALE_MID = parse(`
สุภาพร=Suphaphon, สุนันทา=Sunantha, สุวรรณี=Suwanni, สุดารัตน์=Sudarat, สุกัญญา=Sukanya,
สุจิตรา=Suchittra, สุพัตรา=Suphattra, กาญจนา=Kanchana, กัลยา=Kanlaya, จิราพร=Chiraphon, จันทร์จิรา=Chanchira,
ชลธิชา=Chonthicha, ดวงใจ=Duangchai, ดารุณี=Daruni, นงลักษณ์=Nonglak, นภาพร=Naphaphon, นันทนา=Nanthana,
นิตยา=Nittaya, บุษบา=Butsaba, ปวีณา=Pawina, พรทิพย์=Phonthip, พิมพ์ใจ=Phimchai, เพ็ญนภา=Phennapha,
มยุรี=Mayuri, รัชนี=Ratchani, รัตนา=Rattana, ลัดดา=Ladda, วรรณา=Wanna, วันดี=Wandi, วิไลวรรณ=Wilaiwan,
ศิริพร=Siriphon, ศิริรัตน์=Sirirat, สมพิศ=Somphit, สายสุดา=Saisuda, อรุณี=Aruni, อัมพร=Amphon,
อารีรัตน์=Arirat, อุษา=Usa, เยาวลักษณ์=Yaowalak, รุ่งนภา=Rungnapha, ศศิธร=Sasithon, สุนิสา=Sunisa,
อรทัย=Orathai, อรอุมา=Ora-uma, จารุวรรณ=Charuwan, ทิพวรรณ=Thipphawan, นิภาพร=Niphaphon, ปิยะนุช=Piyanut,
พัชรี=Phatchari, มาลัย=Malai, ยุพิน=Yuphin, รจนา=Rotchana, วิภาวดี=Wiphawadi, ศรีสุดา=Sisuda,
สมฤดี=Somruedi, สุรีย์=Suri, อัญชลี=Anchali, อุบล=Ubon, กนกวรรณ=Kanokwan, จินตนา=Chintana, ชุติมา=Chutima,
ดวงพร=Duangphon, ธนพร=Thanaphon, นพวรรณ=Noppawan, เบญจวรรณ=Benchawan, ปัทมา=Patthama, พรรณี=Phanni,
เพชรา=Phetchara, รำไพ=Ramphai, วนิดา=Wanida, ศิรินทร์=Sirin, สายฝน=Saifon, อมรรัตน์=Amonrat, อรพิน=Oraphin,
อัจฉรา=Atchara, สุพรรณี=Suphanni, หทัยรัตน์=Hathairat, กรรณิการ์=Kannika, ขวัญใจ=Khwanchai,
จุฑามาศ=Chuthamat, ณัฐยา=Natthaya, ดาราวรรณ=Darawan, ทัศนีย์=Thatsani, นฤมล=Naruemon, บังอร=Bang-on,
ประภาพร=Praphaphon, พรรณิภา=Phannipha, ภาวิณี=Phawini, มณีรัตน์=Manirat, เรณู=Renu, วรรณภา=Wannapha,
ศรัญญา=Saranya, สุชาดา=Suchada, อนงค์=Anong, อรวรรณ=Orawan, จิราภรณ์=Chiraphon, ปิยวรรณ=Piyawan,
สุปราณี=Suprani, อำไพพร=Amphaiphon, ปาริชาติ=Parichat, เกศินี=Kesini, ละออง=La-ong, วิมลรัตน์=Wimonrat
`);

/** Female given names of people born after about 1990. */
export const FEMALE_YOUNG = parse(`
ณัฐธิดา=Natthida, ณัฐชา=Natcha, ณัฐณิชา=Natnicha, พิมพ์ชนก=Phimchanok, ชนิดา=Chanida, ชนัญญา=Chananya,
กมลชนก=Kamonchanok, กัญญาณัฐ=Kanyanat, ปวีณ์นุช=Pawinnut, ปุณยาพร=Punyaphon, พรนภัส=Phonnaphat,
ภัทรา=Phattra, ภัทราพร=Phattraphon, ธิดารัตน์=Thidarat, ธนัชชา=Thanatcha, ธัญญาเรศ=Thanyaret,
ธัญชนก=Thanchanok, นันทิชา=Nanthicha, เบญญาภา=Benyapha, ปาณิสรา=Panisara, ปริยากร=Pariyakon,
ปภาวรินทร์=Paphawarin, พิชชาภา=Phitchapha, แพรวา=Phraewa, ภัคจิรา=Phakchira, มัณฑนา=Manthana,
รินรดา=Rinrada, วริศรา=Warisara, ศิริกาญจน์=Sirikan, สุชานันท์=Suchanan, อชิรญา=Achiraya,
อภิชญา=Aphitchaya, อรจิรา=Orachira, อริสา=Arisa, เกวลิน=Kewalin, ขวัญข้าว=Khwankhao, จิดาภา=Chidapha,
ชญานิศ=Chayanit, ชุติกาญจน์=Chutikan, ฐิติมา=Thitima, ณิชาภัทร=Nichaphat, ธมลวรรณ=Thamonwan,
นภัสสร=Naphatson, ปนัดดา=Panatda, พัชราภา=Phatcharapha, พิชญา=Phitchaya, ภัทรวดี=Phattharawadi,
มนัสนันท์=Manatsanan, รัชนีกร=Ratchanikon, วรรณิดา=Wannida, ศศิวิมล=Sasiwimon, สิริกร=Sirikon,
สุพิชฌาย์=Suphitcha, อนัญญา=Ananya, อัญชิสา=Anchisa, อารยา=Araya, กชกร=Kotchakon, กฤติยา=Krittiya,
จิรัชยา=Chiratchaya, ชาลิสา=Chalisa, ญาดา=Yada, ณัฐมน=Natthamon, นิชาภา=Nichapha, บัณฑิตา=Bandita,
ปิยธิดา=Piyathida, พลอย=Phloi, ภูริชญา=Phuritchaya, มินตรา=Mintra, ลลิตา=Lalita, วรัญญา=Waranya,
ศุภิสรา=Suphisara, สโรชา=Sarocha, อรุณรัตน์=Arunrat, ไอริณ=Airin, กัญญาภัค=Kanyaphak, ขวัญชนก=Khwanchanok,
ชนากานต์=Chanakan, ณัฐวดี=Natthawadi, ธัญวรัตม์=Thanwarat, นภสร=Naphason, ปรียาภรณ์=Priyaphon,
พิมพ์มาดา=Phimmada, ภัทรภร=Phatthraphon, วรินทร=Warinthon, ศิรประภา=Siraprapha, อัยรินทร์=Airin,
เพ็ญพิชชา=Phenphitcha, ชไมพร=Chamaiphon, ทักษพร=Thaksaphon, ปุณิกา=Punika, สุธาสินี=Suthasini
`);

/** Malay-Muslim given names as written in Thai in Songkhla and the deep south. */
export const MUSLIM_MALE = parse(`
อับดุลเลาะ=Abdulloh, อับดุลรอแม=Abdulromae, อับดุลรอฮิม=Abdulrohim, อับดุลการิม=Abdulkarim, มูฮัมหมัด=Muhammad,
มูฮำหมัด=Muhammad, อิสมาแอ=Ismae, อิสมาแอล=Ismail, ฮาซัน=Hasan, ฮูเซ็น=Husen, ยูโซะ=Yuso, ยูซุฟ=Yusuf,
สุไลมาน=Sulaiman, อิบรอฮิม=Ibrohim, อาหมัด=Ahmad, อาลี=Ali, อุสมาน=Usman, ซูไฮมี=Suhaimi, รอมลี=Romli,
รอซาลี=Rosali, ฮัมซะห์=Hamzah, ยะห์ยา=Yahya, อาดัม=Adam, อามีน=Amin, อิลยาส=Ilyas, ฟาริด=Farid,
ฮากิม=Hakim, ซาการียา=Sakariya, มาหามะ=Mahama, มะรอนิง=Maroning, สะมะแอ=Samae, หมาด=Mat, หมัด=Mat,
ดอเลาะ=Dolo, อาซิซ=Aziz, นาซีร์=Nasir, ซาฟีอี=Safii, บูคอรี=Bukhori, ฮาริส=Haris, อัสมัน=Asman,
คอลิด=Kholid, ดุลเลาะ=Dulloh, รุสลัน=Ruslan, อัฟฟาน=Affan, ฮาฟิซ=Hafiz, อิรฟาน=Irfan, ซุลกิฟลี=Sulkifli,
มะแอ=Ma-ae, เจ๊ะหมัด=Chemat, หะยีสะมะแอ=Hayisamae, อัสรี=Asri, ฟิรดาวส์=Firdaus
`);

export const MUSLIM_FEMALE = parse(`
ฟาตีมะห์=Fatimah, อามีเนาะ=Aminoh, ซารีนา=Sarina, นูรีซัน=Nurisan, นูรฮายาตี=Nurhayati, ซูไรดา=Suraida,
รอฮานา=Rohana, ซีตี=Siti, ซีตีนูร์=Sitinur, อาอีชะห์=Aishah, คอดีเยาะ=Khodiyoh, มารีแย=Mariyae, ซัลมา=Salma,
ฮาลีเมาะ=Halimoh, นูรไอนี=Nuraini, ยามีละห์=Yamilah, รุสนี=Rusni, มาเรียม=Mariam, ไซนับ=Zainab,
สุไวบะห์=Suwaibah, นาดียา=Nadiya, ซาฟีนะห์=Safinah, ฮัสนะ=Hasna, รอกีเยาะ=Rokiyoh, อัสมะ=Asma,
ซากียะห์=Sakiyah, ฟารีดา=Farida, นิสรีน=Nisrin, ยาสมิน=Yasmin, ฮาวา=Hawa, อานีซะห์=Anisah, ตีมะ=Tima,
เยาะ=Yo, แอเสาะ=Aeso, ซูฮัยลา=Suhaila, นูรุลฮูดา=Nurulhuda, ฮานีฟะห์=Hanifah, รอยฮาน=Roihan,
ซาปีนะ=Sapina, อัสนีดา=Asnida, ฟาดีละห์=Fadilah, มัรยัม=Maryam, ซูซานา=Susana, อาซีซะห์=Azizah,
นัจมีย์=Najmi, ฮาบีบะห์=Habibah, รอฮีมะห์=Rohimah, สากีนะห์=Sakinah, นูรีดา=Nurida, มัยมูเนาะ=Maimunoh
`);

/** Thai surnames: common real-looking family names, Songkhla's old families, Sino-Thai names. */
export const SURNAMES = parse(`
ศรีสุวรรณ=Sisuwan, รัตนพันธ์=Rattanaphan, สุวรรณรัตน์=Suwannarat, เพชรรัตน์=Phetcharat,
วงศ์สวัสดิ์=Wongsawat, บุญประเสริฐ=Bunprasoet, ทองประเสริฐ=Thongprasoet, แก้วมณี=Kaeomani,
จันทร์หอม=Chanhom, ศรีวงศ์=Siwong, ชัยมงคล=Chaimongkhon, สมบูรณ์=Sombun, ประเสริฐสุข=Prasoetsuk,
รุ่งเรือง=Rungrueang, เจริญสุข=Charoensuk, มีสุข=Misuk, สุขเจริญ=Sukcharoen, แสงทอง=Saengthong,
แสงอรุณ=Saeng-arun, ใจดี=Chaidi, รักษ์ไทย=Rakthai, อินทรสุวรรณ=Intharasuwan, สุขสวัสดิ์=Suksawat,
วัฒนา=Watthana, วัฒนพงศ์=Watthanaphong, ศักดิ์สิทธิ์=Saksit, นิลสุวรรณ=Ninsuwan, บัวแก้ว=Buakaeo,
บัวทอง=Buathong, คงเจริญ=Khongcharoen, ทองมา=Thongma, บุญมา=Bunma, กาญจนรัตน์=Kanchanarat,
กาญจนวงศ์=Kanchanawong, ธรรมรักษ์=Thammarak, ธรรมโชติ=Thammachot, เทพพิทักษ์=Thepphithak,
เทพรักษา=Thepraksa, มณีโชติ=Manichot, มณีวงศ์=Maniwong, รัตนวงศ์=Rattanawong, สุวรรณโณ=Suwanno,
ชูเกิด=Chukoet, ชูนวล=Chunuan, ทิพย์มณี=Thipmani, จิตรภักดี=Chitphakdi, ภักดี=Phakdi, ศรีสมบัติ=Sisombat,
พุทธรักษ์=Phuttharak, เกื้อกูล=Kueakun, ช่วยบำรุง=Chuaibamrung, ณ สงขลา=Na Songkhla,
ณ พัทลุง=Na Phatthalung, ณ นคร=Na Nakhon, สงวนศักดิ์=Sa-nguansak, ศรีสงคราม=Sisongkhram, เขียวสด=Khiaosot,
ขาวผ่อง=Khaophong, มากชูชิต=Makchuchit, แก้วประดิษฐ์=Kaeopradit, แก้วสว่าง=Kaeosawang,
ศรีประเสริฐ=Siprasoet, สิทธิชัย=Sitthichai, บุญรอด=Bunrot, บุญยัง=Bunyang, เทพทอง=Thepthong,
อุดมศักดิ์=Udomsak, ประทุมทอง=Prathumthong, ประทุมมาศ=Prathummat, ศิริพันธ์=Siriphan, ศิริวัฒน์=Siriwat,
ชนะภัย=Chanaphai, ไชยรัตน์=Chairat, ไชยสุวรรณ=Chaisuwan, ไชยทอง=Chaithong, แสงจันทร์=Saengchan,
ละอองศรี=La-ongsi, หมื่นจันทร์=Muenchan, หมื่นแก้ว=Muenkaeo, ทองนุ่ม=Thongnum, จุลพันธ์=Chunlaphan,
ชุมพล=Chumphon, นาคประสิทธิ์=Nakprasit, ดวงจันทร์=Duangchan, เพชรสุข=Phetsuk, ทองเจริญ=Thongcharoen,
หนูสง=Nusong, คงสม=Khongsom, ชูทอง=Chuthong, เอียดแก้ว=Iatkaeo, เอียดทอง=Iatthong, ทองเอียด=Thong-iat,
ยอดราช=Yotrat, บุญยก=Bunyok, ทองย้อย=Thongyoi, สงค์ประเสริฐ=Songprasoet, ขุนจันทร์=Khunchan,
ทองหนูนุ้ย=Thongnunui, ศรีสังข์=Sisang, รอดเนียม=Rotniam, พรหมมา=Phromma, อักษรพันธ์=Aksonphan,
ทิพย์รักษ์=Thiprak, สุวรรณชาตรี=Suwannachatri, วิเศษสุวรรณ=Wisetsuwan, ประดับศรี=Pradapsi,
เหมือนพรรณราย=Mueanphanrai, ตันติวงศ์=Tantiwong, ลิ้มสกุล=Limsakun, โค้วสุวรรณ=Khosuwan, ตั้งจิตร=Tangchit,
จิวตระกูล=Chiotrakun, อึ้งสกุล=Uengsakun, แต้ประเสริฐ=Taeprasoet, ลีลาวัฒน์=Lilawat, เจริญพงศ์=Charoenphong,
วงศ์ไพศาล=Wongphaisan, แซ่ตั้ง=Sae Tang, แซ่ลิ้ม=Sae Lim, แซ่อึ้ง=Sae Ueng, แซ่เฮ้ง=Sae Heng, แซ่หลี=Sae Li,
แซ่โค้ว=Sae Kho, แซ่เตียว=Sae Tiao, แซ่ฉั่ว=Sae Chua, แซ่จิว=Sae Chio, แซ่ภู่=Sae Phu, เลิศวัฒนา=Loetwatthana,
ศรีอ่อน=Si-on, พงศ์พันธุ์=Phongphan, สุขเกษม=Sukkasem, ภิรมย์รักษ์=Phiromrak, นิ่มนวล=Nimnuan
`);

/** Elements of southern compound surnames (ชู + แก้ว = ชูแก้ว, Chukaeo). */
const SURNAME_HEADS = parse(`
ชู=Chu, คง=Khong, หนู=Nu, แก้ว=Kaeo, ทอง=Thong, ศรี=Si, บุญ=Bun, จันทร์=Chan, ขาว=Khao, เพ็ชร=Phet, สุข=Suk,
ดำ=Dam, ด้วง=Duang, ปาน=Pan, ชุม=Chum, นวล=Nuan, เรือง=Rueang, ยอด=Yot, อ่อน=On, รอด=Rot, พรหม=Phrom,
อินทร์=In, เกตุ=Ket, เพ็ง=Pheng, ขวัญ=Khwan, สังข์=Sang, นาค=Nak, ปิ่น=Pin
`);
const SURNAME_TAILS = parse(`
แก้ว=kaeo, ทอง=thong, ช่วย=chuai, รักษ์=rak, ศรี=si, สุข=suk, มณี=mani, วงศ์=wong, พันธ์=phan, รัตน์=rat,
นุ่น=nun, ดำ=dam, เกื้อ=kuea, สุวรรณ=suwan, ประเสริฐ=prasoet, เจริญ=charoen, ชู=chu, จันทร์=chan, ขาว=khao,
แดง=daeng, สม=som, นวล=nuan, เพ็ชร=phet, ศักดิ์=sak, ฤทธิ์=rit, เดช=det, ประดิษฐ์=pradit, หนู=nu, อ่อน=on,
ทิพย์=thip
`);

/** Every head × tail compound except doubled elements (ทองทอง). */
export const COMPOUND_SURNAMES: Name[] = SURNAME_HEADS.flatMap((h) =>
  SURNAME_TAILS.filter((t) => t.th !== h.th).map((t) => ({ th: h.th + t.th, en: h.en + t.en })),
);

export const MUSLIM_SURNAMES = parse(`
หมัดหลี=Matli, สะมะแอ=Samae, เจ๊ะหมะ=Chema, ดอเลาะ=Dolo, สาและ=Salae, หะยีสาและ=Hayisalae,
บินอับดุลเลาะ=Binabdulloh, มะเก็ง=Makeng, สาเมาะ=Samo, แวดอเลาะ=Waedolo, เจ๊ะแว=Chewae, อาแว=Awae,
ดือราแม=Duerame, หมัดอะดั้ม=Matadam, หวันหมัด=Wanmat, เหล็มปาน=Lempan, หมัดอาดำ=Mat-adam, สะอิ=Sa-i,
เด่นหลี=Denli, หวังแอ=Wang-ae, หมันเล๊าะ=Manlo, ยะโกะ=Yako, หลงหัน=Longhan, สันหลี=Sanli, โต๊ะหลี=Toli,
หลีเยาว์=Liyao, หมีดเส็น=Mitsen, หมัดโส๊ะ=Matso, ยีหมาด=Yimat, สาแม=Samae, ลาเต๊ะ=Late, หะยีดิง=Hayiding,
บินสาแม=Binsamae, สะแลแม=Salaemae, แวหะยี=Waehayi, หมัดเหล็ม=Matlem, เหมมันต์=Hemman, หลำเบ็ญสะ=Lambensa,
ยาหยาหมัน=Yayaman, มะหะหมัด=Mahamat, อาหลี=Ali, หมัดสะอิ=Matsa-i, ชายเต็ม=Chaitem, มณีโชติ=Manichot,
เส็นติระ=Sentira, หมาดทิ้ง=Matthing, ละใบแด=Labaidae, หลังปูเต๊ะ=Langpute, สะหมาดหลี=Samatli, ดาโอ๊ะ=Dao
`);

/** Myanmar names have no family name: the whole name is the given name. */
export const MYANMAR_MALE = parse(`
อ่อง โก=Aung Ko, ซอ มิน=Zaw Min, จ่อ จ่อ=Kyaw Kyaw, มิน ลวิน=Min Lwin, ทุน ทุน=Tun Tun, เท็ต อ่อง=Htet Aung,
ซอ วิน=Zaw Win, อ่อง มิน=Aung Min, โก โก=Ko Ko, เน ลิน=Nay Lin, หม่อง หม่อง=Maung Maung, จ่อ ซวา=Kyaw Swar,
ทุน ลิน=Tun Lin, โซ โม=Soe Moe, มิน ทู=Min Thu, เต็ง ลวิน=Thein Lwin, ซาย ซาย=Sai Sai, วิน นาย=Win Naing,
เย ยิ่ง=Ye Yint, ตู ยะ=Thu Ya, เพียว วิน=Phyo Win, ออง ทัน=Aung Than, มิน ออง=Min Aung, เน โซ=Nay Soe
`);
export const MYANMAR_FEMALE = parse(`
ตันดา=Thandar, ซู ซู=Su Su, ขิ่น ขิ่น=Khin Khin, นเว นเว=Nwe Nwe, เอ เอ=Aye Aye, นิน นิน=Hnin Hnin,
มยะ มยะ=Mya Mya, ธิดา=Thida, ซันดา=Sandar, ยี ยี=Yi Yi, โม โม=Moe Moe, ซิน มา=Zin Mar, เต็ต เต็ต=Thet Thet,
ทิน ทิน=Tin Tin, วาย วาย=Wai Wai, ซาน ซาน=San San, พยู พยู=Phyu Phyu, ซู มอน=Su Mon, เอ มยะ=Aye Mya,
ขิ่น มอง=Khin Maung, มา มา=Mar Mar, เอ ตัน=Aye Than, โม ซัน=Moe San, นิน เอ=Hnin Aye
`);

export const CAMBODIAN_MALE = parse(`
ดารา=Dara, โสภาล=Sophal, วุฒี=Vuthy, ฤทธี=Rithy, สุขา=Sokha, วันนา=Vanna, วิสาล=Visal, สำนาง=Samnang,
บุนเทือน=Bunthoeun, ไช=Chhay, สาเรือน=Saroeun, โสวัณณ์=Sovann, ปิเซธ=Piseth, เสรีวัฒน์=Serey Vath,
รัตนา=Ratana, สุเมธ=Sumet, ไว=Vy, เฮียง=Hieng
`);
export const CAMBODIAN_FEMALE = parse(`
สเรย์มม=Sreymom, โสเพีย=Sophea, เจนดา=Chenda, บุปผา=Bopha, จันนารี=Channary, กุนเทีย=Kunthea,
ดาวี=Davy, สเรย์เนียง=Sreyneang, ลีนา=Lina, ปิเซย์=Pisey, โสภี=Sophy, ระดา=Rada, ศรีลีน=Srey Lin,
วันนี=Vanny, มาลีส=Malis, เธียรี=Theary
`);
export const CAMBODIAN_SURNAMES = parse(`
ซก=Sok, เจีย=Chea, คิม=Kim, เฮง=Heng, ลี=Ly, เซง=Seng, ซอม=Som, ตุช=Touch, วัน=Vann, เมียส=Meas, เพช=Pech,
ยิ่ม=Yim, เนียง=Neang, ซวน=Suon, ชาน=Chan, เมา=Mao
`);

export const LAO_MALE = parse(`
สมพอน=Somphone, คำหล้า=Khamla, บุนมี=Bounmy, สุก=Souk, เพ็ด=Phet, คำพัน=Khamphanh, วันไซ=Vanxay,
สีพอน=Siphone, บุนทัน=Bounthanh, แสงเพ็ด=Sengphet, ทองสี=Thongsy, ไซสะนะ=Xaysana
`);
export const LAO_FEMALE = parse(`
น้อย=Noy, แก้ว=Keo, วิไล=Vilay, มะนีวัน=Manivanh, สุกสะหวัน=Souksavanh, คำปุ่น=Khampoun,
จันทะลี=Chanthaly, พอนสะหวัน=Phonsavanh, ดาวเวียง=Daovieng, บัวพัน=Bouaphanh, นางนวล=Nangnuan, ลำใย=Lamyai
`);
export const LAO_SURNAMES = parse(`
พมมะจัน=Phommachanh, แสงดารา=Sengdara, วงสา=Vongsa, แก้วมะนี=Keomany, สีสะหวาด=Sisavath,
พิลาวง=Philavong, สุวันนะวง=Souvannavong, ไซยะวง=Xayavong, อินทะวง=Inthavong, บุบผา=Bouppha,
คำมะนี=Khammany, หลวงพะลาด=Louangphalath
`);

const LATIN = new Map<string, string>();
for (const list of [
  MALE_OLD, MALE_MID, MALE_YOUNG, FEMALE_OLD, FEMALE_MID, FEMALE_YOUNG, MUSLIM_MALE, MUSLIM_FEMALE,
  SURNAMES, COMPOUND_SURNAMES, MUSLIM_SURNAMES, MYANMAR_MALE, MYANMAR_FEMALE, CAMBODIAN_MALE,
  CAMBODIAN_FEMALE, CAMBODIAN_SURNAMES, LAO_MALE, LAO_FEMALE, LAO_SURNAMES,
]) {
  for (const n of list) if (!LATIN.has(n.th)) LATIN.set(n.th, n.en);
}

/** The Latin spelling of a generated given name or surname, or undefined when it is not one of ours. */
export function latinOf(thai: string): string | undefined {
  return LATIN.get(thai);
}

/** A person's full name in Latin letters ("Somchai Chukaeo"), when every part is known. */
export function latinFullName(firstName: string, lastName: string | null): string | undefined {
  const first = latinOf(firstName);
  if (first === undefined) return undefined;
  if (lastName === null) return first;
  const last = latinOf(lastName);
  return last === undefined ? undefined : `${first} ${last}`;
}
