// The web chat's own words, in Vietnamese and English. The bot's messages are not translated here:
// the bot speaks each persona's language (/ngonngu).

const STRINGS = {
  vi: {
    title: "Kẻng — thử trong trình duyệt",
    sandbox: "thử nghiệm",
    playingAs: "Bạn đang là",
    chats: "Cuộc trò chuyện",
    botChat: "Nhắn riêng với bot",
    members: "{n} thành viên",
    botSub: "bot · trò chuyện riêng",
    pickGroup: "Thêm bot vào nhóm nào? Gõ số:",
    noGroupToPick: "Bạn chưa ở nhóm nào để thêm bot.",
    pickChat: "Chọn một cuộc trò chuyện bên trái để bắt đầu.",
    placeholder: "Nhắn tin hoặc gõ /lệnh",
    send: "Gửi",
    attach: "Gửi ảnh hoặc vị trí",
    shareLocation: "Chia sẻ vị trí",
    photos: "Ảnh có sẵn",
    captionPrompt: "Chú thích (không bắt buộc)",
    reply: "Trả lời",
    replyingTo: "Trả lời {name}",
    cancel: "Hủy",
    edited: "đã sửa",
    back: "Quay lại",
    typing: "Kẻng đang trả lời…",
    live: "Đang kết nối trực tiếp",
    offline: "Mất kết nối — đang thử lại…",
    you: "Bạn",
    noMessages: "Chưa có tin nhắn nào.",
    openMap: "Mở bản đồ",
    location: "Vị trí",
    photo: "Ảnh",
    roles: {
      officer: "Cán bộ công an phường",
      propagandist: "Tuyên truyền viên",
      guard: "Tổ bảo vệ an ninh, trật tự",
      relay: "Tổ trưởng (nhóm Zalo riêng)",
      counsellor: "Tư vấn học đường",
      resident: "Cư dân",
    },
    admin: "Bảng quản trị",
    adminToggle: "Hiện/ẩn bảng quản trị",
    queues: "Hàng đợi",
    queue: "Hàng đợi",
    waiting: "Chờ",
    active: "Đang chạy",
    done: "Xong",
    failed: "Lỗi",
    deliveries: "Lần gửi gần nhất",
    noDeliveries: "Chưa gửi gì.",
    sealed: "🔒 người báo tin (ẩn danh)",
    edit: "sửa tin",
    status: { pending: "chờ", sent: "đã gửi", failed: "lỗi", cancelled: "hủy" },
    priority: { control: "báo cán bộ", alert: "kẻng", interactive: "tương tác", bulk: "hàng loạt" },
    capFeed: "Nguồn tin CAP (Atom)",
    consoleLink: "🖥️ Bảng điều khiển của cán bộ",
    consoleHint:
      "Chọn «Cán bộ Lan», gõ /bangdieukhien trong trò chuyện riêng với Kẻng rồi bấm liên kết (dùng một lần).",
    capHint: "Kẻng đang hiệu lực, cho loa phường và trang web.",
    resetHint: "Bắt đầu lại từ đầu:",
    privateChat: "nhắn riêng",
    close: "Đóng",
    error: "Không gửi được: {error}",
    suggestions: {
      keng: "Đánh kẻng",
      status: "Tình trạng kẻng",
      tips: "Tin tố giác",
      tip: "Báo tin",
      lookup: "Tra cứu tin",
      quiz: "Câu hỏi",
      top: "Bảng xếp hạng",
      alarm: "Báo động",
      helpme: "Hòm thư giúp bạn",
      follow: "Theo dõi kẻng",
      help: "Trợ giúp",
      lang: "Bot nói tiếng Việt",
      roles: "Vai trò",
    },
    templates: {
      keng: "/keng cao Phát hiện đối tượng trộm xe máy ở ngõ 12, bà con khóa xe cẩn thận",
      tip: "/togiac Có người lạ hay tụ tập ở cuối ngõ 12 vào ban đêm",
    },
  },
  en: {
    title: "Kẻng — try it in your browser",
    sandbox: "sandbox",
    playingAs: "You are playing",
    chats: "Chats",
    botChat: "Private chat with the bot",
    members: "{n} members",
    botSub: "bot · private chat",
    pickGroup: "Add the bot to which group? Type its number:",
    noGroupToPick: "You are in no group to add the bot to.",
    pickChat: "Pick a chat on the left to start.",
    placeholder: "Message or /command",
    send: "Send",
    attach: "Send a photo or a location",
    shareLocation: "Share location",
    photos: "Bundled photos",
    captionPrompt: "Caption (optional)",
    reply: "Reply",
    replyingTo: "Replying to {name}",
    cancel: "Cancel",
    edited: "edited",
    back: "Back",
    typing: "Kẻng is answering…",
    live: "Live",
    offline: "Disconnected — retrying…",
    you: "You",
    noMessages: "No messages yet.",
    openMap: "Open map",
    location: "Location",
    photo: "Photo",
    roles: {
      officer: "Ward police officer",
      propagandist: "Propagandist",
      guard: "Security team",
      relay: "Group leader (own Zalo group)",
      counsellor: "School counsellor",
      resident: "Resident",
    },
    admin: "Admin panel",
    adminToggle: "Show/hide the admin panel",
    queues: "Queues",
    queue: "Queue",
    waiting: "Waiting",
    active: "Active",
    done: "Done",
    failed: "Failed",
    deliveries: "Last deliveries",
    noDeliveries: "Nothing sent yet.",
    sealed: "🔒 tipster (anonymous)",
    edit: "edit",
    status: { pending: "pending", sent: "sent", failed: "failed", cancelled: "cancelled" },
    priority: { control: "to the officer", alert: "alert", interactive: "interactive", bulk: "bulk" },
    capFeed: "CAP feed (Atom)",
    consoleLink: "🖥️ The officers' console",
    consoleHint:
      "Pick the persona Cán bộ Lan, type /console in the private chat with Kẻng, then follow the link (it works once).",
    capHint: "Active alerts, for ward loudspeakers and websites.",
    resetHint: "Start afresh:",
    privateChat: "private chat",
    close: "Close",
    error: "Could not send: {error}",
    suggestions: {
      keng: "Strike the gong",
      status: "Alert status",
      tips: "Open tips",
      tip: "Send a tip",
      lookup: "Track a tip",
      quiz: "Quiz",
      top: "Leaderboard",
      alarm: "Alarm",
      helpme: "Help mailbox",
      follow: "Follow alerts",
      help: "Help",
      lang: "Bot speaks English",
      roles: "My roles",
    },
    templates: {
      keng: "/alert cao Motorbike thief seen in alley 12 — please lock your bikes",
      tip: "/tip Strangers gather at the end of alley 12 every night",
    },
  },
};

let current = "vi";

export function setLanguage(lang) {
  current = lang === "en" ? "en" : "vi";
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

/** A UI string by dotted key, with {name} placeholders filled in. */
export function t(key, params = {}) {
  let value = key
    .split(".")
    .reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), STRINGS[current]);
  if (typeof value !== "string") value = key;
  return value.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

/** Fills every element marked data-i18n (text), data-i18n-placeholder, data-i18n-title / -label. */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll("[data-i18n-title]")) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute("aria-label", t(el.dataset.i18nTitle));
  }
  document.title = t("title");
}
