// The words the generated records are made of: fictional names, places and sentences per
// country, in Latin script and in the countries' own scripts, so that search meets Khmer,
// Thai, Burmese and Vietnamese text as it does in real use. Nothing here names a real person.

export interface CountryTexts {
  code: string;
  // share of all incidents, in percent (the ten add up to 100)
  weight: number;
  places: string[];
  given: string[];
  family: string[];
  // laws that charges cite
  laws: string[];
}

export const countries: CountryTexts[] = [
  {
    code: 'MM',
    weight: 16,
    places: ['Yangon', 'Mandalay', 'Sagaing', 'Myitkyina', 'Hpa-an', 'ရန်ကုန်', 'မန္တလေး'],
    given: ['Aung', 'Thida', 'Zaw', 'Khin', 'Myo', 'Su', 'နန္ဒာ', 'ဇော်'],
    family: ['Win', 'Htun', 'Naing', 'Oo', 'Lwin', 'Myint', 'ဦး', 'ဝင်း'],
    laws: [
      'Penal Code s. 505A',
      'Counter-Terrorism Law s. 50(j)',
      'Unlawful Associations Act s. 17(1)',
    ],
  },
  {
    code: 'KH',
    weight: 14,
    places: ['Phnom Penh', 'Siem Reap', 'Battambang', 'Koh Kong', 'Preah Vihear', 'ភ្នំពេញ', 'កំពត'],
    given: ['Sokha', 'Vanna', 'Chenda', 'Dara', 'Sophea', 'សុខា', 'វណ្ណា'],
    family: ['Chann', 'Keo', 'Meas', 'Sok', 'Phan', 'កែវ', 'មាស'],
    laws: [
      'Criminal Code art. 495 (incitement)',
      'Criminal Code art. 305 (defamation)',
      'LANGO art. 24',
    ],
  },
  {
    code: 'PH',
    weight: 13,
    places: ['Manila', 'Davao', 'Cebu', 'Negros Oriental', 'Bukidnon', 'Samar'],
    given: ['Maria', 'Jose', 'Rosario', 'Danilo', 'Liza', 'Ramon'],
    family: ['Santos', 'Reyes', 'Dela Cruz', 'Bautista', 'Villanueva', 'Mendoza'],
    laws: [
      'Anti-Terrorism Act s. 9',
      'Revised Penal Code art. 355 (libel)',
      'Cybercrime Prevention Act s. 4(c)(4)',
    ],
  },
  {
    code: 'TH',
    weight: 12,
    places: [
      'Bangkok',
      'Chiang Mai',
      'Khon Kaen',
      'Pattani',
      'Ubon Ratchathani',
      'กรุงเทพมหานคร',
      'เชียงใหม่',
    ],
    given: ['Somchai', 'Anchalee', 'Niran', 'Pranee', 'Kittipong', 'สมชาย', 'อัญชลี'],
    family: ['Srisuk', 'Chaiyasit', 'Wongsawat', 'Boonmee', 'ศรีสุข', 'บุญมี'],
    laws: ['Criminal Code s. 112', 'Computer Crime Act s. 14', 'Criminal Code s. 116 (sedition)'],
  },
  {
    code: 'VN',
    weight: 12,
    places: ['Hà Nội', 'Thành phố Hồ Chí Minh', 'Đà Nẵng', 'Nghệ An', 'Thái Bình', 'Đắk Lắk'],
    given: ['Nguyễn Thị', 'Trần Văn', 'Lê Quốc', 'Phạm Đoan', 'Đỗ Minh', 'Huỳnh Ngọc'],
    family: ['Hương', 'Quân', 'Trang', 'Đức', 'Thảo', 'Dũng'],
    laws: ['Penal Code art. 117', 'Penal Code art. 331', 'Penal Code art. 109'],
  },
  {
    code: 'ID',
    weight: 11,
    places: ['Jakarta', 'Jayapura', 'Makassar', 'Medan', 'Yogyakarta', 'Kendari'],
    given: ['Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Yohanes'],
    family: ['Rahayu', 'Santoso', 'Wibowo', 'Lestari', 'Wenda', 'Hutapea'],
    laws: ['ITE Law art. 27(3)', 'Criminal Code art. 106 (treason)', 'Criminal Code art. 160'],
  },
  {
    code: 'BD',
    weight: 8,
    places: ['Dhaka', 'Chittagong', 'Khulna', 'Rangamati', 'Sylhet'],
    given: ['Rahima', 'Karim', 'Nasrin', 'Anwar', 'Shirin'],
    family: ['Ahmed', 'Begum', 'Chowdhury', 'Hossain', 'Islam'],
    laws: ['Digital Security Act s. 25', 'Digital Security Act s. 31', 'Special Powers Act s. 15'],
  },
  {
    code: 'MY',
    weight: 7,
    places: ['Kuala Lumpur', 'Penang', 'Kota Kinabalu', 'Kuching', 'Johor Bahru'],
    given: ['Aisyah', 'Ahmad', 'Mei Ling', 'Ravi', 'Nurul'],
    family: ['Abdullah', 'Tan', 'Rajan', 'Ismail', 'Lim'],
    laws: [
      'Sedition Act s. 4',
      'Peaceful Assembly Act s. 9',
      'Communications and Multimedia Act s. 233',
    ],
  },
  {
    code: 'LK',
    weight: 4,
    places: ['Colombo', 'Jaffna', 'Batticaloa', 'Mannar', 'Kandy'],
    given: ['Nimal', 'Tharshini', 'Kumari', 'Ruwan', 'Selvi'],
    family: ['Perera', 'Sivakumar', 'Fernando', 'Rajapaksha', 'Thevarajah'],
    laws: ['Prevention of Terrorism Act s. 2', 'ICCPR Act s. 3', 'Online Safety Act s. 12'],
  },
  {
    code: 'LA',
    weight: 3,
    places: ['Vientiane', 'Luang Prabang', 'Savannakhet', 'Attapeu'],
    given: ['Somphone', 'Bounmy', 'Khamla', 'Vanh'],
    family: ['Phommachanh', 'Sisouk', 'Vongsa', 'Keoboualapha'],
    laws: ['Criminal Law art. 117', 'Criminal Law art. 65', 'Decree 238 art. 18'],
  },
];

// "<violation phrase> of <who> in <place>"
export const titleActs = [
  'Arrest',
  'Detention',
  'Beating',
  'Abduction',
  'Surveillance',
  'Prosecution',
  'Travel ban',
  'Killing',
  'Death threats against',
  'Forced eviction',
  'Raid on the office',
];
export const titleWho = [
  'land rights defender',
  'community leader',
  'journalist',
  'lawyer',
  'trade unionist',
  'student activist',
  'environmental defender',
  'women’s rights defender',
  'indigenous leader',
  'monk',
];

// Summary sentences. `common` ones name the police (a word in about half the incidents), the
// `rare` one a bauxite mine (about one incident in a thousand), for the full-text benchmarks.
export const commonWord = 'police';
export const selectiveWord = 'bauxite';
export const sentences = {
  opening: [
    'Plain-clothes police arrested the defender at home before dawn.',
    'Police dispersed a peaceful gathering and detained several participants.',
    'Men in an unmarked car followed the defender for three days.',
    'Local authorities summoned the defender for questioning without a lawyer.',
    'Soldiers surrounded the village during a community meeting.',
    'The defender was stopped at the airport and told not to leave the country.',
    'Unknown assailants attacked the defender on the way back from a hearing.',
    'Company security guards blocked access to the disputed land.',
  ],
  middle: [
    'The family was not told where the defender was held.',
    'Officers confiscated phones, laptops and documents.',
    'A court refused bail twice, citing a risk of flight.',
    'The charges relate to posts on social media criticising officials.',
    'Witnesses said that the police beat protesters with batons.',
    'The defender had campaigned against a hydropower dam for years.',
    'Colleagues received anonymous threats by message the same week.',
    'Lawyers were denied access to the case file.',
    'ព័ត៌មានបន្ថែមកំពុងត្រូវបានប្រមូល។',
    'มีการติดตามและข่มขู่ครอบครัวของผู้ถูกกระทำ',
    'Gia đình không được thông báo về nơi giam giữ.',
    'မိသားစုကို ဖမ်းဆီးထားသည့်နေရာ မပြောပြပါ။',
  ],
  closing: [
    'The organisation sent an urgent appeal to the UN Special Rapporteur.',
    'The defender was released after eleven days without charge.',
    'The trial is scheduled for next month.',
    'The police have not opened an investigation into the attack.',
    'Partners continue to monitor the case.',
    'The defender has since gone into hiding.',
  ],
  rare: 'The defender documented the expansion of a bauxite mine on community land.',
};

export const sourceDescriptions = [
  'Interview with the defender after release',
  'Testimony of a witness at the scene',
  'Statement by the family',
  'Court document obtained by the lawyer',
  'Local media report',
  'Video posted on social media, verified by geolocation',
  'Report by a partner organisation',
];
