// eksnet-embed.js: drive an embedded eksnet diagram from a documentation page.
//
//   import * as eksnet from '/tools/eksnet/eksnet-embed.js';
//   const d = await eksnet.embed(document.querySelector('#diagram'),
//     { scene: 'endpoint', flow: 'kubelet:ip-192-168-46-6' });
//   d.on('step', (e) => console.log(e.step, e.hop && e.hop.at));
//   await d.set({ step: 3 });
//
// The module ships beside eksnet's index.html (trunk copies it into dist/) and,
// by default, embeds the eksnet it was loaded from. It speaks protocol 1 of the
// embed API (docs/embedding.md): it only listens to messages from its own frame
// at eksnet's origin, and it pins its own origin in the frame's URL (`origin=`),
// so the frame ignores every other sender.

/** The protocol version this helper speaks. */
export const PROTOCOL = 1;

/** The view fields that may be given in the frame's URL at start. */
const URL_FIELDS = ['scene', 'flow', 'step', 'node', 'lang', 'access'];

/** A command refused by the frame: `path` names the field at fault. */
export class EmbedError extends Error {
  constructor({ path, message, suggestion }) {
    super(`${path || '/'}: ${message}${suggestion ? `; ${suggestion}` : ''}`);
    this.name = 'EmbedError';
    this.path = path;
    this.reason = message;
    this.suggestion = suggestion ?? null;
  }
}

/** An embedded diagram: send it commands, listen to its events. */
export class Diagram {
  #frame;
  #origin;
  #nextId = 1;
  #pending = new Map();
  #handlers = new Map();
  #onMessage;
  #autoHeight;

  /** Use `embed()`: it waits for the frame's handshake. */
  constructor(frame, origin, { autoHeight = true } = {}) {
    this.#frame = frame;
    this.#origin = origin;
    this.#autoHeight = autoHeight;
    /** The last `view` event's fields (scene, flow, step, selection, node, access, lang, playing). */
    this.view = null;
    /** The last `step` event (flow, step, steps, hop, verdict). */
    this.step = null;
    /** eksnet's version and protocol, from `ready`. */
    this.version = null;
    this.protocol = null;
    this.#onMessage = (e) => {
      if (e.source !== frame.contentWindow || e.origin !== origin) return;
      const m = e.data;
      if (!m || typeof m !== 'object' || m.eksnet !== PROTOCOL) return;
      this.#receive(m);
    };
    window.addEventListener('message', this.#onMessage);
  }

  /** The `<iframe>`. */
  get frame() {
    return this.#frame;
  }

  #receive(m) {
    if (m.type === 'ok' || m.type === 'error') {
      const p = this.#pending.get(m.id);
      if (p) {
        this.#pending.delete(m.id);
        if (m.type === 'ok') p.resolve();
        else p.reject(new EmbedError(m));
      }
      if (m.type === 'error') this.#emit('error', m);
      return;
    }
    if (m.type === 'ready') {
      this.version = m.version;
      this.protocol = m.protocol;
      this.view = m.view;
    } else if (m.type === 'view') {
      const { eksnet: _v, type: _t, ...view } = m;
      this.view = view;
    } else if (m.type === 'step') {
      this.step = m;
    } else if (m.type === 'height' && this.#autoHeight) {
      this.#frame.style.height = `${m.height}px`;
    }
    this.#emit(m.type, m);
  }

  #emit(type, m) {
    for (const fn of this.#handlers.get(type) ?? []) {
      try {
        fn(m);
      } catch (err) {
        setTimeout(() => { throw err; });
      }
    }
  }

  /**
   * Sends a command: `{type, ...fields}`. Resolves when the frame carried it
   * out; rejects with an EmbedError naming what was wrong.
   */
  send(type, fields = {}) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#frame.contentWindow.postMessage({ ...fields, eksnet: PROTOCOL, type, id }, this.#origin);
    });
  }

  /** Sets any of scene, flow, step, selection, node, access, lang (`null` clears). */
  set(view) {
    return this.send('set', view);
  }
  /** Replaces the scenario (the JSON of `eksnet check`). */
  scenario(scenario) {
    return this.send('scenario', { scenario });
  }
  /** Merges a JSON merge patch (RFC 7386) into the scenario. */
  patch(patch) {
    return this.send('patch', { patch });
  }
  /** One step forward. */
  next() {
    return this.send('next');
  }
  /** One step back. */
  prev() {
    return this.send('prev');
  }
  /** Plays the flow, as the play button does. */
  play() {
    return this.send('play');
  }
  /** Stops playing. */
  pause() {
    return this.send('pause');
  }

  /**
   * Calls `fn(event)` for each event of `type`: `view`, `step`, `selection`,
   * `height`, `error` (a refused command). Returns a function that stops it.
   */
  on(type, fn) {
    if (!this.#handlers.has(type)) this.#handlers.set(type, new Set());
    this.#handlers.get(type).add(fn);
    return () => this.off(type, fn);
  }
  /** Stops calling `fn` for `type`. */
  off(type, fn) {
    this.#handlers.get(type)?.delete(fn);
  }

  /** Stops listening and removes the frame. */
  destroy() {
    window.removeEventListener('message', this.#onMessage);
    for (const p of this.#pending.values()) p.reject(new Error('the diagram was removed'));
    this.#pending.clear();
    this.#frame.remove();
  }
}

/**
 * Embeds eksnet in `element` (the iframe is appended to it) and resolves with
 * a Diagram once the frame has answered the handshake.
 *
 * options: the starting view (`scene`, `flow`, `step`, `node`, `lang`,
 * `access`), `src` (eksnet's address; default: where this module was loaded
 * from), `title` (the frame's accessible name), `height` (`'auto'`, the
 * default, follows the diagram; a number fixes it), `timeout` (ms, 20000).
 */
export function embed(element, options = {}) {
  const src = new URL(options.src ?? './', import.meta.url);
  src.hash = '';
  // Keep what `src` already says (a scenario `s=`, say); the options override it.
  const q = new URLSearchParams(src.search);
  q.set('embed', '');
  for (const k of URL_FIELDS) {
    if (options[k] !== undefined && options[k] !== null) q.set(k, String(options[k]));
  }
  if (location.origin !== 'null') q.set('origin', location.origin);
  src.search = q.toString();

  const frame = document.createElement('iframe');
  frame.title = options.title ?? 'eksnet diagram';
  frame.style.border = '0';
  frame.style.width = '100%';
  const auto = options.height === undefined || options.height === 'auto';
  frame.style.height = `${auto ? 480 : Number(options.height)}px`;
  const d = new Diagram(frame, src.origin, { autoHeight: auto });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`eksnet did not answer from ${src.href} within ${options.timeout ?? 20000} ms`));
    }, options.timeout ?? 20000);
    const off = d.on('ready', () => {
      off();
      d.send('hello').then(() => {
        clearTimeout(timer);
        resolve(d);
      }, (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    frame.src = src.href;
    element.append(frame);
  });
}
