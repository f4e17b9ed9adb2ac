// Stands in for the CSS files Atlaskit modules import, which jest cannot load and tests do not need.
module.exports = {};
