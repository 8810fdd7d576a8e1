// The bottom of a chat: quick suggestions, the reply bar, the attach sheet (bundled photos and
// "share location") and the text box. Enter sends, Shift+Enter makes a new line.
import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

/** Quick commands per role and kind of chat; `template` fills the text box, others send at once. */
const SUGGESTIONS = {
  officer: {
    private: ["keng:template", "status:/tinhtrang ", "tips:/tingiac", "roles:/vaitro", "help:/trogiup", "lang"],
    group: ["keng:template", "help:/trogiup", "lang"],
  },
  propagandist: {
    private: ["quiz:/cauhoi", "roles:/vaitro", "help:/trogiup", "lang"],
    group: ["quiz:/cauhoi", "top:/bxh", "help:/trogiup"],
  },
  guard: { private: ["roles:/vaitro", "help:/trogiup", "lang"], group: ["help:/trogiup"] },
  relay: { private: ["roles:/vaitro", "help:/trogiup", "lang"], group: ["help:/trogiup"] },
  counsellor: { private: ["roles:/vaitro", "help:/trogiup", "lang"], group: ["help:/trogiup"] },
  resident: {
    private: [
      "tip:template",
      "helpme:/giupban",
      "lookup:/tracuu ",
      "follow:/theodoi ninhbinh.p5",
      "help:/trogiup",
      "lang",
    ],
    group: ["alarm:/baodong ", "quiz:/cauhoi", "top:/bxh", "help:/trogiup"],
  },
};

/**
 * Wires the composer. `actions`: send(text, replyTo), photo(name, caption), location(),
 * current() → { persona, chat } or null.
 */
export function createComposer(actions) {
  const form = $("composer");
  const text = $("text");
  const sheet = $("attach-sheet");
  const attach = $("attach");
  let replyTo = null;
  let images = [];

  const grow = () => {
    text.style.height = "auto";
    text.style.height = `${Math.min(text.scrollHeight, 140)}px`;
  };
  const toggleSheet = (open = sheet.hidden) => {
    sheet.hidden = !open;
    attach.setAttribute("aria-expanded", String(open));
  };
  const setReply = (message) => {
    replyTo = message;
    $("reply-bar").hidden = message === null;
    if (message) {
      $("reply-name").textContent = t("replyingTo", { name: message.from.kind === "bot" ? "Kẻng" : message.from.name });
      $("reply-text").textContent = message.text || (message.photoUrl ? t("photo") : t("location"));
      text.focus();
    }
  };
  const submit = async () => {
    const value = text.value.trim();
    if (value === "" || actions.current() === null) return;
    text.value = "";
    grow();
    const target = replyTo?.id;
    setReply(null);
    const ok = await actions.send(value, target);
    if (!ok) text.value = value;
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  text.addEventListener("input", grow);
  attach.addEventListener("click", () => toggleSheet());
  $("reply-cancel").addEventListener("click", () => setReply(null));
  $("share-location").addEventListener("click", () => {
    toggleSheet(false);
    actions.location();
  });

  return {
    setReply,
    /** Puts text in the box (a suggestion that needs more words). */
    fill(value) {
      text.value = value;
      grow();
      text.focus();
      text.setSelectionRange(value.length, value.length);
    },
    setImages(list) {
      images = list;
      const grid = $("image-grid");
      grid.replaceChildren(
        ...images.map((image) => {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "image-choice";
          button.dataset.image = image.name;
          const img = document.createElement("img");
          img.src = image.url;
          img.alt = image.name;
          button.append(img);
          button.addEventListener("click", () => {
            toggleSheet(false);
            const caption = $("caption").value.trim();
            $("caption").value = "";
            actions.photo(image.name, caption);
          });
          return button;
        }),
      );
    },
    /** Suggestion chips for a persona's role in this kind of chat, for commands the bot knows. */
    setSuggestions(role, kind, language, known) {
      const box = $("suggestions");
      const entries = (SUGGESTIONS[role]?.[kind] ?? []).map((entry) =>
        entry === "lang" ? ["lang", language === "en" ? "/lang en" : "/ngonngu vi"] : entry.split(":"),
      );
      const commandOf = ([name, command]) =>
        /^\/(\w+)/.exec(command === "template" ? t(`templates.${name}`) : command)?.[1];
      box.replaceChildren(
        ...entries
          .filter((entry) => known.includes(commandOf(entry)))
          .map(([name, command]) => {
            const chip = document.createElement("button");
            chip.type = "button";
            chip.className = "chip";
            chip.textContent = t(`suggestions.${name}`);
            chip.title = command === "template" ? t(`templates.${name}`) : command;
            chip.addEventListener("click", () => {
              if (command === "template") this.fill(t(`templates.${name}`));
              else if (command.endsWith(" ")) this.fill(command);
              else actions.send(command);
            });
            return chip;
          }),
      );
    },
    closeSheet: () => toggleSheet(false),
  };
}
