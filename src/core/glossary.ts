/**
 * The product's glossary: one word for each thing, in Vietnamese first and English second.
 * Every user-visible text (locales/vi, locales/en, the quiz bank, Vietnamese in src/) is checked
 * against it by test/unit/glossary.test.ts, which names the key and the banned variant it found.
 * Add a term here before using a new word for something the product already names.
 */

/** A variant that must not appear, with the words to use instead. */
export interface BannedVariant {
  /** What the test reports when it finds it. */
  readonly variant: string;
  /** Matched against one text; `u` and `i` flags, with letter boundaries written out (\b ignores Vietnamese letters). */
  readonly pattern: RegExp;
  readonly use: string;
}

export interface GlossaryTerm {
  readonly vi: string;
  readonly en: string;
  readonly meaning: string;
  /** Banned in Vietnamese texts. */
  readonly bannedVi: readonly BannedVariant[];
  /** Banned in English texts. */
  readonly bannedEn: readonly BannedVariant[];
}

/** Wraps a phrase so it matches whole words only, case-insensitively. */
function words(phrase: string, notFollowedBy = ""): RegExp {
  const tail = notFollowedBy ? `(?!${notFollowedBy})` : "";
  return new RegExp(`(?<!\\p{L})${phrase}(?!\\p{L})${tail}`, "iu");
}

function ban(variant: string, use: string, notFollowedBy = ""): BannedVariant {
  return { variant, pattern: words(variant, notFollowedBy), use };
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    vi: "đánh kẻng",
    en: "strike the gong",
    meaning: "what an officer does to send an alert",
    bannedVi: [
      ban("gõ kẻng", "đánh kẻng"),
      ban("phát kẻng", "đánh kẻng"),
      ban("phát tiếng kẻng", "đánh kẻng"),
      ban("đánh tiếng kẻng", "đánh kẻng"),
      ban("kẻng đã phát", "đã đánh kẻng"),
    ],
    bannedEn: [
      ban("ring the gong", "strike the gong"),
      ban("sound the gong", "strike the gong"),
      ban("beat the gong", "strike the gong"),
      ban("hit the gong", "strike the gong"),
    ],
  },
  {
    vi: "tiếng kẻng an ninh (tiếng kẻng)",
    en: "security gong (in running text also: alert)",
    meaning: "the alert a resident receives in a group or a private chat",
    // "Tin báo" is the law's word for reports from agencies (below); an alert is never called that.
    bannedVi: [ban("báo động an ninh", "tiếng kẻng an ninh"), ban("cảnh báo an ninh", "tiếng kẻng an ninh")],
    bannedEn: [ban("security alarm", "security gong"), ban("gong alert", "security gong")],
  },
  {
    vi: "tin tố giác",
    en: "crime tip",
    meaning:
      'what a resident sends; "tin báo" is the term of the law (Bộ luật Tố tụng hình sự 2015, Điều 144) for reports ' +
      'from agencies and organisations, so it never names a resident\'s tip. The verb "báo tin" (button «📮 Báo tin», ' +
      '"người báo tin") is fine',
    bannedVi: [
      ban("tin báo", "tin tố giác (a resident's tip) or tiếng kẻng (an alert)", " động"),
      ban("tin tố cáo", "tin tố giác"),
    ],
    bannedEn: [ban("denunciation", "crime tip"), ban("tip-off", "crime tip")],
  },
  {
    vi: "mã theo dõi",
    en: "tracking code",
    meaning: "the code of a tip (TG-7K3F9Q) that the tipster keeps and the officer's register sheet shows",
    bannedVi: [
      ban("mã tra cứu", "mã theo dõi"),
      ban("mã tin", "mã theo dõi", " nhắn"),
      ban("mã số tin", "mã theo dõi"),
    ],
    bannedEn: [
      ban("tip code", "tracking code"),
      ban("lookup code", "tracking code"),
      ban("tracking number", "tracking code"),
      ban("reference code", "tracking code"),
    ],
  },
  {
    vi: "mã xác thực",
    en: "verification code",
    meaning: "the code at the foot of every message Kẻng sends, checked with /kiemtra",
    bannedVi: [
      ban("mã xác minh", "mã xác thực"),
      ban("mã kiểm tra", "mã xác thực"),
      ban("mã chứng thực", "mã xác thực"),
    ],
    bannedEn: [
      ban("authentication code", "verification code"),
      ban("verify code", "verification code"),
      ban("check code", "verification code"),
    ],
  },
  {
    vi: "cán bộ công an (cán bộ)",
    en: "police officer (officer)",
    meaning: "a person holding the officer role in an area",
    bannedVi: [
      ban("nhân viên công an", "cán bộ công an"),
      ban("công an viên", "cán bộ công an"),
      ban("sĩ quan", "cán bộ"),
    ],
    bannedEn: [ban("policeman", "police officer"), ban("policemen", "police officers")],
  },
  {
    vi: "nhóm",
    en: "group",
    meaning: "a Telegram or Zalo group chat registered to an area",
    bannedVi: [ban("group", "nhóm"), ban("hội nhóm", "nhóm")],
    bannedEn: [ban("chat group", "group")],
  },
  {
    vi: "khu vực",
    en: "area",
    meaning: "a ward, commune, residential group … in the area tree",
    bannedVi: [ban("địa bàn", "khu vực")],
    // "special zone" is the legal kind "đặc khu", so "zone" is not banned in English.
    bannedEn: [ban("region", "area")],
  },
  {
    vi: "ẩn danh với cán bộ",
    en: "hidden from officers",
    meaning:
      "officers do not see who sent a tip; Telegram/Zalo still know the account, so no text promises more. A bare " +
      '"ẩn danh" is for short labels whose meaning the privacy notice explains',
    bannedVi: [
      ban("hoàn toàn ẩn danh", "ẩn danh với cán bộ"),
      ban("ẩn danh hoàn toàn", "ẩn danh với cán bộ"),
      ban("ẩn danh tuyệt đối", "ẩn danh với cán bộ"),
      ban("tuyệt đối ẩn danh", "ẩn danh với cán bộ"),
    ],
    bannedEn: [
      ban("completely anonymous", "hidden from officers"),
      ban("fully anonymous", "hidden from officers"),
      ban("totally anonymous", "hidden from officers"),
    ],
  },
];

/**
 * Tone marks go where Vietnamese legal texts put them ("Luật Phòng, chống ma túy"): in an "oa", "oe"
 * or "uy" ending with no final consonant the mark sits on the first vowel (hòa, khỏe, thủy, túy,
 * hủy, xóa); with a final consonant, on the second (hoàn, khoảng, thuyền). "qu" is a consonant, so
 * "quý" is right.
 */
export const TONE_PLACEMENT: readonly BannedVariant[] = [
  {
    variant: "mark on the second vowel of a final oa/oe/uy (huỷ, tuý, hoà, khoẻ, xoá)",
    pattern: /(?<![\p{L}])(?:\p{L}*?(?<!q)(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ]))(?!\p{L})/iu,
    use: "mark on the first vowel: hủy, túy, hòa, khỏe, xóa",
  },
  {
    variant: "mark on the first vowel of oa/oe/uy before a final consonant (hòan, khỏang)",
    pattern: /(?<!q)(?:[òóỏõọ][ae]|[ùúủũụ]y)[\p{L}]/iu,
    use: "mark on the second vowel: hoàn, khoảng, thuyền",
  },
];

/** Quotation marks: «…» in Vietnamese (what the locales use most), “…” in English. Apostrophes are not quotes. */
export const QUOTES: Readonly<Record<"vi" | "en", readonly BannedVariant[]>> = {
  vi: [
    { variant: "“…” quotes", pattern: /[“”„]/u, use: "«…»" },
    { variant: 'straight "…" quotes', pattern: /"/u, use: "«…»" },
  ],
  en: [
    { variant: "«…» quotes", pattern: /[«»]/u, use: "“…”" },
    { variant: 'straight "…" quotes', pattern: /"/u, use: "“…”" },
  ],
};
