/// The CI files `lesson init` writes (``CourseScaffold``): two GitHub
/// workflows and the scripts their shell steps run.
///
/// The steps are scripts rather than inline shell so that they run the same
/// on a laptop, in another CI, and in LessonRunner's own tests (as a normal
/// user, as GitHub's runners are). The tool is installed from its `.deb`, not
/// built: no Swift toolchain on the runner.
enum CourseWorkflows {
    static let install = #"""
    #!/usr/bin/env bash
    # Installs LessonRunner from its Debian package (CI: GitHub's Ubuntu runners
    # run as a normal user with sudo). The package is $LESSONRUNNER_DEB (a path,
    # or an https:// URL such as a release's download link), else the newest
    # tools/lessonrunner_*.deb committed in this repository. With neither, a
    # `lesson` already on PATH is used as it is.
    set -euo pipefail
    cd "$(dirname "$0")/.."

    deb=${LESSONRUNNER_DEB:-}
    if [ -z "$deb" ] && [ -d tools ]; then
        deb=$(find tools -maxdepth 1 -name 'lessonrunner_*.deb' | sort -V | tail -n 1)
    fi
    if [ -z "$deb" ]; then
        if command -v lesson >/dev/null 2>&1; then
            lesson --version | head -n 1
            exit 0
        fi
        echo "error: no LessonRunner package: commit lessonrunner_VERSION_amd64.deb into tools/," >&2
        echo "or set the repository variable LESSONRUNNER_DEB to its URL" >&2
        exit 1
    fi
    case "$deb" in
        http://* | https://*)
            download=$(mktemp -d)/lessonrunner.deb
            curl --fail --silent --show-error --location --output "$download" "$deb"
            deb=$download
            ;;
    esac
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -q
    # A path with a slash: apt installs the file and the libraries it depends on.
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$(realpath "$deb")"
    lesson --version | head -n 1
    """#

    static let check = #"""
    #!/usr/bin/env bash
    # Checks part K of N of the lessons (all of them without arguments) and
    # writes JUnit XML to junit-K.xml. The lessons, the cache folder and the
    # strictness come from course.yml.
    #   ci/check.sh        every lesson
    #   ci/check.sh 2 4    the second of four shards
    set -euo pipefail
    cd "$(dirname "$0")/.."
    shard=${1:-1}
    shards=${2:-1}
    if [ "$shards" = 1 ]; then
        exec lesson check --junit "junit-$shard.xml"
    fi
    exec lesson check --shard "$shard/$shards" --junit "junit-$shard.xml"
    """#

    static let render = #"""
    #!/usr/bin/env bash
    # Renders every lesson into the output folder of course.yml (the site the
    # publish workflow uploads). Extra arguments go to `lesson render`.
    set -euo pipefail
    cd "$(dirname "$0")/.."
    exec lesson render "$@"
    """#

    static let checkWorkflow = #"""
    # Checks every lesson on each push and pull request, in shards that run at
    # the same time. Written by `lesson init`; the steps are the scripts in ci/.
    name: check

    on:
      push:
      pull_request:
      workflow_dispatch:

    permissions:
      contents: read

    jobs:
      lessons:
        runs-on: ubuntu-24.04
        strategy:
          fail-fast: false
          matrix:
            # More shards: add numbers; ci/check.sh reads how many there are.
            shard: [1, 2]
        env:
          # Where ci/install-lesson.sh gets the .deb (a repository variable),
          # unless one is committed in tools/.
          LESSONRUNNER_DEB: ${{ vars.LESSONRUNNER_DEB }}
          # Runners differ (Intel, AMD) and OpenBLAS picks a kernel for each;
          # results are cached per kernel. To share one cache between them, pin
          # it: uncomment (`lesson --version` shows the kernel in use).
          # OPENBLAS_CORETYPE: Haswell
        steps:
          - uses: actions/checkout@v4
          - name: Install LessonRunner
            run: ci/install-lesson.sh
          # One cache per shard: restored by this shard's key first, then any.
          - name: Cache results
            uses: actions/cache@v4
            with:
              path: .lesson-cache
              key: lesson-cache-shard${{ matrix.shard }}-${{ github.run_id }}-${{ github.run_attempt }}
              restore-keys: |
                lesson-cache-shard${{ matrix.shard }}-
                lesson-cache-
          - name: Check the lessons
            run: ci/check.sh "${{ matrix.shard }}" "${{ strategy.job-total }}"
          - name: Keep the JUnit report
            if: always()
            uses: actions/upload-artifact@v4
            with:
              name: junit-${{ matrix.shard }}
              path: junit-${{ matrix.shard }}.xml
              if-no-files-found: ignore

    """#

    static let publishWorkflow = #"""
    # Renders the lessons and publishes the pages on GitHub Pages at every push
    # to main. Once, in the repository's Settings → Pages, set Source to
    # "GitHub Actions". Written by `lesson init`.
    name: publish

    on:
      push:
        branches: [main]
      workflow_dispatch:

    permissions:
      contents: read
      pages: write
      id-token: write

    # One publication at a time; a newer push waits rather than cancels.
    concurrency:
      group: pages
      cancel-in-progress: false

    jobs:
      render:
        runs-on: ubuntu-24.04
        env:
          LESSONRUNNER_DEB: ${{ vars.LESSONRUNNER_DEB }}
          # OPENBLAS_CORETYPE: Haswell
        steps:
          - uses: actions/checkout@v4
          - name: Install LessonRunner
            run: ci/install-lesson.sh
          - name: Cache results
            uses: actions/cache@v4
            with:
              path: .lesson-cache
              key: lesson-cache-render-${{ github.run_id }}-${{ github.run_attempt }}
              restore-keys: |
                lesson-cache-render-
                lesson-cache-
          - name: Render the lessons
            run: ci/render.sh
          - uses: actions/upload-pages-artifact@v3
            with:
              path: site

      deploy:
        needs: render
        runs-on: ubuntu-24.04
        environment:
          name: github-pages
          url: ${{ steps.deployment.outputs.page_url }}
        steps:
          - name: Publish on GitHub Pages
            id: deployment
            uses: actions/deploy-pages@v4

    """#
}
