/**
 * The area tree as buttons, shared by every use case that lets a person pick an area without typing
 * a dotted code (a tip's area, `/theodoi`): one level at a time, and areas found by typing their name,
 * with or without diacritics. Buttons carry area ids; each use case checks them again when pressed.
 */
import type { Button } from "../../core/messages.js";
import { t } from "../../core/text.js";

export interface AreaNode {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly parentId: number | null;
  readonly hasChildren: boolean;
}

/** The part of the area tree a browser reads. */
export interface AreaTree {
  /** The areas directly below `parentId` (null: the top level). */
  children(parentId: number | null): Promise<AreaNode[]>;
  /** The node of an area, or null. */
  node(areaId: number): Promise<AreaNode | null>;
  /** Areas whose name holds every typed word (case and diacritics ignored), at most `limit`. */
  searchByName(query: string, limit: number): Promise<AreaNode[]>;
}

type LevelParent = Pick<AreaNode, "id" | "name" | "parentId">;
/** What one level needs: the areas below, and the one opened. */
export interface LevelSource {
  children(parentId: number | null): Promise<AreaNode[]>;
  node(areaId: number): Promise<LevelParent | null>;
}

/** The callback data of a use case's buttons. */
export interface AreaBrowserCallbacks {
  pick(areaId: number): string;
  open(areaId: number | null): string;
}

/** One level: "all of <parent>", each area below (opened further when it has areas below), "back". */
export async function areaLevel(input: {
  tree: LevelSource;
  parentId: number | null;
  callbacks: AreaBrowserCallbacks;
}): Promise<{ parent: LevelParent | null; empty: boolean; rows: Button[][] }> {
  const { tree, callbacks } = input;
  const parent = input.parentId === null ? null : await tree.node(input.parentId);
  const children = await tree.children(parent?.id ?? null);
  const rows: Button[][] = [];
  if (parent) rows.push([{ text: t("tips:area.whole", { name: parent.name }), callback: callbacks.pick(parent.id) }]);
  for (const child of children) rows.push([optionOf(child, callbacks)]);
  if (parent) rows.push([{ text: t("tips:button.back"), callback: callbacks.open(parent.parentId) }]);
  return { parent, empty: children.length === 0, rows };
}

/** Areas found by name as buttons: each picks the area itself. */
export function areaMatches(nodes: readonly AreaNode[], callbacks: AreaBrowserCallbacks): Button[][] {
  return nodes.map((node) => [{ text: t("tips:area.option", { name: node.name }), callback: callbacks.pick(node.id) }]);
}

function optionOf(node: AreaNode, callbacks: AreaBrowserCallbacks): Button {
  return node.hasChildren
    ? { text: t("tips:area.open", { name: node.name }), callback: callbacks.open(node.id) }
    : { text: t("tips:area.option", { name: node.name }), callback: callbacks.pick(node.id) };
}

/** Lower case, no diacritics (đ → d), single spaces: "Phường Minh Khai" and "phuong minh khai" match. */
export function foldName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** True when every word typed is in the name (folded). */
export function nameMatches(name: string, query: string): boolean {
  const words = foldName(query).split(" ").filter(Boolean);
  const folded = foldName(name);
  return words.length > 0 && words.every((word) => folded.includes(word));
}
