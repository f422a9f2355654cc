/**
 * Folders made without surprises. Node's recursive mkdir can spin forever on special file systems (a path under
 * /proc): here each missing component is created with a plain mkdir, at most once, and the result must be a
 * writable directory.
 */
import * as fs from "fs";
import * as path from "path";

/** Special file systems that hold no files of ours. */
const SPECIAL = ["/proc", "/sys", "/dev"];

/** Creates `dir` (and its missing parents) or says why it can't be a folder of ours; never loops. */
export function ensureDir(dir: string): Error | undefined {
  const target = path.resolve(dir);
  if (SPECIAL.some((s) => target === s || target.startsWith(`${s}/`)))
    return new Error(`${target} is on a special file system (${target.split("/")[1]}), not a place for files`);
  const parts = target.split(path.sep).filter((p) => p !== "");
  let current = path.parse(target).root;
  for (const part of parts) {
    current = path.join(current, part);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(current);
    } catch {
      stat = undefined;
    }
    if (stat && !stat.isDirectory()) return new Error(`${current} exists and is not a folder`);
    if (!stat) {
      try {
        fs.mkdirSync(current);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "EEXIST") return new Error(`cannot create ${current} (${code ?? String(error)})`);
      }
    }
  }
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    return new Error(`${target} is not writable`);
  }
  return undefined;
}
