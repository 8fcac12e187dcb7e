"""Reads deploy/Containerfile for check-container-recipe.sh and holds it to the shape the host
check can reproduce: a build stage that runs deploy/build-stage.sh, and a runtime stage that runs
only deploy/runtime-stage.sh and copies only the build stage's staged tree. Prints shell
assignments (name='value') for what the check needs; exits 1 naming what does not match."""
import json
import shlex
import sys


def instructions(path):
    """(keyword, argument text) per instruction, continuation lines joined, comments dropped."""
    result, pending = [], ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            text = (pending + line).strip()
            pending = ""
            keyword, _, rest = text.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def fail(message):
    print(f"deploy/Containerfile: {message}", file=sys.stderr)
    sys.exit(1)


def main(path):
    stages = []
    for keyword, rest in instructions(path):
        if keyword == "FROM":
            words = rest.split()
            stages.append({"image": words[0], "name": words[2] if len(words) > 2 and words[1].upper() == "AS" else None,
                           "steps": []})
        elif not stages:
            fail(f"{keyword} before the first FROM")
        else:
            stages[-1]["steps"].append((keyword, rest))
    if len(stages) != 2:
        fail(f"expected two stages (build, runtime), found {len(stages)}")
    build, runtime = stages

    runs = [rest for keyword, rest in build["steps"] if keyword == "RUN" and "deploy/build-stage.sh" in rest]
    if len(runs) != 1:
        fail("the build stage must RUN deploy/build-stage.sh SCRATCH OUT once")
    words = shlex.split(runs[0])
    if len(words) != 3 or words[0] != "deploy/build-stage.sh":
        fail(f"the build stage runs `{runs[0]}`, expected `deploy/build-stage.sh SCRATCH OUT`")
    staged = words[2].rstrip("/")

    def one(keyword):
        values = [rest for k, rest in runtime["steps"] if k == keyword]
        if len(values) != 1:
            fail(f"the runtime stage must have one {keyword}, found {len(values)}")
        return values[0]

    allowed = {"RUN", "COPY", "USER", "WORKDIR", "VOLUME", "EXPOSE", "HEALTHCHECK", "STOPSIGNAL", "ENTRYPOINT", "CMD"}
    for keyword, rest in runtime["steps"]:
        if keyword not in allowed:
            fail(f"the host check cannot reproduce {keyword} in the runtime stage")
    run = one("RUN")
    if not run.endswith("runtime-stage.sh") or "source=deploy/runtime-stage.sh" not in run:
        fail(f"the runtime stage must RUN only deploy/runtime-stage.sh, found `{run}`")
    if one("COPY") != f"--from={build['name']} {staged}/ /":
        fail(f"the runtime stage must copy only the staged tree: COPY --from={build['name']} {staged}/ /")
    user = one("USER")
    uid, _, gid = user.partition(":")
    if not (uid.isdigit() and gid.isdigit()) or uid == "0":
        fail(f"USER must be a numeric non-root uid:gid, found {user}")
    port = one("EXPOSE").split("/")[0]
    health = one("HEALTHCHECK")
    if " CMD " not in f" {health} ":
        fail("HEALTHCHECK must run a command")
    health_cmd = json.loads(health.split(" CMD ", 1)[1] if not health.startswith("CMD ") else health[4:])
    entrypoint = json.loads(one("ENTRYPOINT"))
    cmd = json.loads(one("CMD"))
    if "--port" not in cmd or cmd[cmd.index("--port") + 1] != port or health_cmd[-1] != port:
        fail(f"CMD, EXPOSE and HEALTHCHECK must name the same port ({port})")

    values = {
        "build_image": build["image"], "runtime_image": runtime["image"], "staged_dir": staged,
        "image_uid": uid, "image_gid": gid, "image_workdir": one("WORKDIR"), "image_volume": one("VOLUME"),
        "image_port": port, "image_entrypoint": " ".join(map(shlex.quote, entrypoint)),
        "image_cmd": " ".join(map(shlex.quote, cmd)), "image_healthcheck": " ".join(map(shlex.quote, health_cmd)),
        "image_stopsignal": one("STOPSIGNAL"),
    }
    for name, value in values.items():
        print(f"{name}={shlex.quote(value)}")


if __name__ == "__main__":
    main(sys.argv[1])
