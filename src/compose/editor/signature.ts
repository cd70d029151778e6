/**
 * The signature block: a `div data-signature="ID"` node at the end of the body, so switching the
 * signature (or the From address) replaces it instead of adding a second one.
 */
import { Node, type Editor } from '@tiptap/core';
import { DOMParser as PMDOMParser, type Node as PMNode } from '@tiptap/pm/model';
import { signatureHtml, type SignatureInput } from '../model/signature-input';

// What a signature is, without the editor (the compose session fetches one before the editor loads).
export { signatureHtml, signatureInputFrom, signatureText, type SignatureInput } from '../model/signature-input';

export const SIGNATURE_NODE = 'signature';

export const SignatureBlock = Node.create({
  name: SIGNATURE_NODE,
  group: 'block',
  content: 'block+',
  // The user may edit inside it, but Backspace/Enter at its edges must not merge it with the body.
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      id: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-signature') ?? '',
        renderHTML: (a) => ({ 'data-signature': a.id }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-signature]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', { ...HTMLAttributes, class: 'mc-signature' }, 0];
  },
});

/**
 * Inserts, replaces or (with null) removes the signature block. Never leaves two. Not an undo step:
 * undo should take back what the user typed, not the From address they picked.
 */
export function setSignature(editor: Editor, signature: SignatureInput | null): void {
  const { state } = editor;
  const type = state.schema.nodes[SIGNATURE_NODE];
  if (!type) throw new Error('The SignatureBlock extension is not registered in this editor.');
  const replacement = signature ? buildSignatureNode(editor, signature) : null;

  const existing: { pos: number; size: number }[] = [];
  state.doc.descendants((node, pos) => {
    if (node.type === type) {
      existing.push({ pos, size: node.nodeSize });
      return false;
    }
    return true;
  });

  const tr = state.tr;
  if (existing.length === 0) {
    if (!replacement) return;
    const last = state.doc.lastChild;
    const needsGap = last !== null && !(last.type.name === 'paragraph' && last.content.size === 0) && last.textContent.trim() !== '';
    const end = state.doc.content.size;
    tr.insert(end, needsGap ? [state.schema.nodes.paragraph.create(), replacement] : [replacement]);
  } else {
    // Later copies first so earlier positions stay valid; the first one is replaced in place.
    for (const { pos, size } of existing.slice(1).reverse()) tr.delete(pos, pos + size);
    const { pos, size } = existing[0];
    if (replacement) tr.replaceWith(pos, pos + size, replacement);
    else tr.delete(pos, pos + size);
  }
  if (state.doc.childCount === 0 || tr.doc.childCount === 0) tr.insert(0, state.schema.nodes.paragraph.create());
  editor.view.dispatch(tr.setMeta('addToHistory', false));
}

function buildSignatureNode(editor: Editor, signature: SignatureInput): PMNode | null {
  const { schema } = editor.state;
  const container = document.createElement('div');
  container.innerHTML = signatureHtml(signature);
  const parsed = PMDOMParser.fromSchema(schema).parse(container);
  const blocks: PMNode[] = [];
  parsed.content.forEach((block) => {
    // A signature pasted into a signature would nest; keep its content instead.
    if (block.type.name === SIGNATURE_NODE) block.content.forEach((inner) => blocks.push(inner));
    else blocks.push(block);
  });
  const meaningful = blocks.some((b) => b.textContent.trim() !== '' || containsLeaf(b));
  if (!meaningful) return null;
  return schema.nodes[SIGNATURE_NODE].create({ id: signature.id }, blocks);
}

function containsLeaf(node: PMNode): boolean {
  let found = false;
  node.descendants((n) => {
    if (n.isLeaf && !n.isText && n.type.name !== 'hardBreak') found = true;
    return !found;
  });
  return found;
}
